//===- oar.cpp - The Oar command line -------------------------------------===//
//
//   oar inspect MODEL [--params FILE] [--json]
//   oar convert MODEL [PARAMS] -o OUT.onnx [options]   (Convert.cpp)
//   oar quantize MODEL [PARAMS] -o OUT.onnx --weights-only [options]
//
//===----------------------------------------------------------------------===//

#include "frontends/paddle/Inspect.h"
#include "tools/MallocTuning.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

using namespace llvm;

int runConvert(int argc, char **argv);
int runQuantize(int argc, char **argv);

static const char *kUsage =
    R"(OVERVIEW: Oar, a compiler for PaddlePaddle programs

USAGE: oar <command> [options]

COMMANDS:
  convert MODEL   Convert a Paddle inference program to ONNX
  quantize MODEL  Quantize a float Paddle program to int8 ONNX
                  (weight-only, per channel; docs/quantization.md)
  inspect MODEL   Summarize a Paddle program: feeds, fetches, op types,
                  parameters, the Paddle version that saved it

Run 'oar <command> --help' for a command's options.
)";

static int inspect(int argc, char **argv) {
  cl::OptionCategory cat("oar inspect options");
  cl::opt<std::string> model(cl::Positional, cl::Required,
                             cl::desc("<model (.pdmodel, __model__ or .json)>"),
                             cl::cat(cat));
  cl::opt<std::string> params("params",
                              cl::desc("Parameters file (default: found "
                                       "beside the model)"),
                              cl::value_desc("file"), cl::cat(cat));
  cl::opt<bool> json("json", cl::desc("Print one JSON object"), cl::cat(cat));
  cl::HideUnrelatedOptions(cat);
  if (!cl::ParseCommandLineOptions(
          argc, argv, "oar inspect: summarize a Paddle program\n", &errs()))
    return 2;
  auto report = mlir::oar::paddle::inspectPaddleProgram(model, params);
  if (!report) {
    WithColor::error(errs(), "oar") << toString(report.takeError()) << "\n";
    return 1;
  }
  if (json) {
    outs() << formatv("{0:2}", mlir::oar::paddle::toJSON(*report)) << "\n";
  } else {
    mlir::oar::paddle::printInspectReport(*report, outs());
  }
  return 0;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  oar::tuneMalloc();
  if (argc < 2 || StringRef(argv[1]) == "--help" ||
      StringRef(argv[1]) == "-h") {
    outs() << kUsage;
    return argc < 2 ? 2 : 0;
  }
  StringRef command = argv[1];
  // The command's own name becomes argv[0] for its option parser.
  std::vector<char *> args;
  std::string name = "oar " + command.str();
  args.push_back(name.data());
  for (int i = 2; i < argc; ++i)
    args.push_back(argv[i]);
  if (command == "convert")
    return runConvert(static_cast<int>(args.size()), args.data());
  if (command == "quantize")
    return runQuantize(static_cast<int>(args.size()), args.data());
  if (command == "inspect")
    return inspect(static_cast<int>(args.size()), args.data());
  WithColor::error(errs(), "oar")
      << "unknown command '" << command << "'; run 'oar --help'\n";
  return 2;
}
