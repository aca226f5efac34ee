//===- Convert.cpp - oar convert ------------------------------------------===//
//
//   oar convert MODEL [PARAMS] -o OUT.onnx [--opset N] [--no-optimize]
//               [--fp16] [--external-data] [--external-file NAME]
//               [--check | --no-check]
//
// and Paddle2ONNX's flags (--model_dir, --model_filename, --params_filename,
// --save_file, --opset_version, --enable_onnx_checker, --export_fp16_model,
// --external_filename, --deploy_backend, --enable_auto_update_opset), so
// that a script switches by changing the command name. Exit codes: 0 done,
// 1 the model does not convert, 2 bad flags.
//
//===----------------------------------------------------------------------===//

#include "backends/onnx/OnnxCommon.h"
#include "backends/onnx/OnnxExport.h"
#include "dialects/onnx/OnnxDialect.h"
#include "dialects/onnx/OnnxOps.h"
#include "dialects/onnx/OnnxSchema.h"
#include "frontends/paddle/Importer.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>

using namespace llvm;

static const char *kConvertUsage =
    R"(OVERVIEW: oar convert: convert a Paddle inference program to ONNX

USAGE: oar convert MODEL [PARAMS] -o OUT.onnx [options]

MODEL is a Paddle program, a ProgramDesc (.pdmodel, __model__) or a Paddle
3.x PIR program (.json), told apart by content, or the directory holding it;
PARAMS its parameters file (default: found beside it: X.pdiparams,
__params__, params, or one file per variable).

OPTIONS:
  -o, --output FILE        The ONNX model to write (required)
  --opset N                Target opset, 7 to 21 (default: the lowest that
                           covers every op, at least 11)
  --no-optimize            Skip the ONNX cleanup passes (constant folding,
                           Conv+BatchNorm and Gemm fusion, ...)
  --quant-format qdq|tensorrt
                           Quantized programs: int8 QuantizeLinear/
                           DequantizeLinear (qdq, default), or TensorRT's
                           explicit-quantization rules (docs/quantization.md)
  --fake-quant exact|qdq   Paddle's fused fake quantize-dequantize ops (QAT
                           programs): computed in float as Paddle does
                           (exact, default), or int8 QuantizeLinear/
                           DequantizeLinear where the scale is known (qdq;
                           ties round half to even, not away from zero)
  --fp16                   Write float32 tensors as float16 (inputs and
                           outputs stay float32, cast at the boundary)
  --external-data          Write parameters to a file beside the model
                           (always done when the model would exceed 2 GB)
  --external-file NAME     Name of that file (implies --external-data;
                           default OUT.onnx.data)
  --check / --no-check     Run the ONNX checker on the result (default: on,
                           for the opsets the linked ONNX library knows)
  -q, --quiet              No summary line
  -h, --help               This help

Paddle2ONNX's flags are accepted too:
  --model_dir DIR, --model_filename F (in DIR; default __model__ or the
  .pdmodel file there), --params_filename P (in DIR),
  --save_file OUT, --opset_version N, --enable_onnx_checker True|False,
  --export_fp16_model True|False, --external_filename NAME (used when the
  model needs external data), --deploy_backend onnxruntime|tensorrt|rknn|others
  (tensorrt implies --quant-format tensorrt; otherwise Oar writes the same
  model for every backend),
  --enable_auto_update_opset True|False (accepted; Oar picks the opset
  itself unless one is given), --enable_paddle_fallback, --save_calibration_file
  (accepted, ignored).

Exit status: 0 written, 1 the model does not convert, 2 bad flags.
)";

static const char *kQuantizeUsage =
    R"(OVERVIEW: oar quantize: quantize a float Paddle inference program to int8 ONNX

USAGE: oar quantize MODEL [PARAMS] -o OUT.onnx --weights-only [options]
       oar quantize MODEL [PARAMS] -o OUT.onnx --calibration-table FILE [...]
       oar quantize MODEL [PARAMS] -o OUT.onnx --program-thresholds [...]

Post-training quantization. The weights of conv2d, depthwise_conv2d, mul,
matmul and matmul_v2 become int8 per output channel (abs-max scales) behind
DequantizeLinear. With --calibration-table their activation inputs, and
those of elementwise_add, pool2d and concat, are quantized too, per tensor,
with the ranges the table records; in the qdq form (the default) so are
the ops' outputs, non-negative values (relu) take [0, abs-max], and the
graph is shaped for onnxruntime's int8 CPU kernels (uint8 activations,
int32 biases); --quant-format tensorrt stays symmetric, Q/DQ on inputs.

OPTIONS:
  --weights-only           Quantize weights only; needs no data
  --calibration-table FILE Ranges of the activations: Oar's table (written by
                           tools/oar-calibrate from sample inputs) or a
                           TensorRT calibration cache
  --op-types T1,T2,...     Paddle op types to quantize (default: all):
                           conv2d, depthwise_conv2d, mul, matmul, matmul_v2,
                           and with --calibration-table elementwise_add,
                           pool2d, concat
  --skip NAME1,NAME2,...   Leave float the ops writing these variables, or
                           these weights
  --calibration-table DIR  A directory: Paddle Inference's trt_calib_*
                           TensorRT tables in it (the model's _opt_cache)
  --program-thresholds     Ranges from the program itself: the out_threshold
                           (<Slot><i>_threshold) attributes Paddle's
                           quantization passes record on ops (the table's
                           entries win where both give one)
  Every option of 'oar convert' (-o, --opset, --quant-format, ...).

Exit status: 0 written, 1 the model does not convert, 2 bad flags.
)";

namespace {

struct ConvertFlags {
  std::string model, params, output;
  std::string modelDir, modelFilename, paramsFilename;
  int64_t opset = 0;
  bool optimize = true;
  std::string quantFormat = "qdq";
  std::string fakeQuant = "exact";
  // oar quantize
  bool quantize = false, weightsOnly = false;
  std::string calibrationTable;
  bool programThresholds = false;
  std::vector<std::string> opTypes, skip;
  bool fp16 = false;
  bool externalData = false;
  std::string externalFile;
  std::optional<bool> check;
  bool quiet = false;
  uint64_t maxModelBytes = 0;
};

/// "oar convert" or "oar quantize", for messages.
const char *commandName = "oar convert";

int usageError(const Twine &message) {
  WithColor::error(errs(), commandName) << message << "\n";
  errs() << "run '" << commandName << " --help' for the options\n";
  return 2;
}

std::optional<bool> parseBool(StringRef v) {
  std::string s = v.lower();
  if (s == "true" || s == "1" || s == "yes" || s == "on")
    return true;
  if (s == "false" || s == "0" || s == "no" || s == "off")
    return false;
  return std::nullopt;
}

/// The program in directory `dir`: __model__, or the only *.pdmodel file
/// (inference.pdmodel or model.pdmodel when there are several), else the
/// only *.json file (a Paddle 3.x PIR program; likewise preferred). Returns
/// `dir/__model__` when none is found, for the error to name.
std::string findModelIn(StringRef dir) {
  auto in = [&](StringRef name) {
    SmallString<256> p(dir);
    sys::path::append(p, name);
    return std::string(p);
  };
  if (sys::fs::exists(in("__model__")))
    return in("__model__");
  for (StringRef ext : {".pdmodel", ".json"}) {
    SmallVector<std::string> found;
    std::error_code ec;
    for (sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
         it.increment(ec))
      if (StringRef(it->path()).ends_with(ext))
        found.push_back(it->path());
    llvm::sort(found);
    if (found.size() == 1)
      return found.front();
    for (StringRef stem : {"inference", "model"})
      if (sys::fs::exists(in((stem + ext).str())))
        return in((stem + ext).str());
  }
  return in("__model__");
}

/// Parses the flags; returns an exit code to stop with, or -1 to go on.
int parseFlags(int argc, char **argv, ConvertFlags &f) {
  SmallVector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    StringRef arg = argv[i];
    if (arg == "--") {
      for (++i; i < argc; ++i)
        positional.push_back(argv[i]);
      break;
    }
    if (!arg.starts_with("-") || arg == "-") {
      positional.push_back(arg.str());
      continue;
    }
    // --flag=value or --flag value.
    StringRef name = arg, inlineValue;
    bool hasInline = false;
    if (arg.starts_with("--") && arg.contains('=')) {
      std::tie(name, inlineValue) = arg.split('=');
      hasInline = true;
    }
    std::string err;
    auto value = [&](std::string &out) -> bool {
      if (hasInline) {
        out = inlineValue.str();
        return true;
      }
      if (i + 1 >= argc) {
        err = ("option '" + name + "' needs a value").str();
        return false;
      }
      out = argv[++i];
      return true;
    };
    auto boolValue = [&](bool &out) -> bool {
      std::string v;
      if (!value(v))
        return false;
      auto b = parseBool(v);
      if (!b) {
        err = ("option '" + name + "' takes True or False, not '" + v + "'")
                  .str();
        return false;
      }
      out = *b;
      return true;
    };
    auto intValue = [&](int64_t &out) -> bool {
      std::string v;
      if (!value(v))
        return false;
      if (StringRef(v).getAsInteger(10, out)) {
        err = ("option '" + name + "' takes a number, not '" + v + "'").str();
        return false;
      }
      return true;
    };
    auto noValue = [&]() -> bool {
      if (hasInline) {
        err = ("option '" + name + "' takes no value").str();
        return false;
      }
      return true;
    };
    std::string ignored;
    bool ok = true, b = false;
    if (name == "-h" || name == "--help" || name == "-help") {
      outs() << (f.quantize ? kQuantizeUsage : kConvertUsage);
      return 0;
    } else if (name == "-o" || name == "--output" || name == "-s" ||
               name == "--save_file") {
      ok = value(f.output);
    } else if (name == "--opset" || name == "--opset_version" ||
               name == "-ov") {
      ok = intValue(f.opset);
      if (ok && (f.opset < mlir::oar::onnx::kMinOpset ||
                 f.opset > mlir::oar::onnx::kMaxOpset))
        return usageError("opset " + Twine(f.opset) +
                          " is out of range; Oar writes opsets " +
                          Twine(mlir::oar::onnx::kMinOpset) + " to " +
                          Twine(mlir::oar::onnx::kMaxOpset));
    } else if (f.quantize && name == "--weights-only") {
      ok = noValue();
      f.weightsOnly = true;
    } else if (f.quantize && name == "--calibration-table") {
      ok = value(f.calibrationTable);
    } else if (f.quantize && name == "--program-thresholds") {
      ok = noValue();
      f.programThresholds = true;
    } else if (f.quantize && (name == "--op-types" || name == "--skip")) {
      std::string list;
      ok = value(list);
      SmallVector<StringRef> items;
      StringRef(list).split(items, ',', -1, /*KeepEmpty=*/false);
      for (StringRef item : items)
        (name == "--skip" ? f.skip : f.opTypes).push_back(item.trim().str());
    } else if (name == "--no-optimize") {
      ok = noValue();
      f.optimize = false;
    } else if (name == "--fp16") {
      ok = noValue();
      f.fp16 = true;
    } else if (name == "--export_fp16_model") {
      ok = boolValue(f.fp16);
    } else if (name == "--external-data") {
      ok = noValue();
      f.externalData = true;
    } else if (name == "--external-file") {
      ok = value(f.externalFile);
      f.externalData = true;
    } else if (name == "--external_filename") {
      ok = value(f.externalFile);
    } else if (name == "--check") {
      ok = noValue();
      f.check = true;
    } else if (name == "--no-check") {
      ok = noValue();
      f.check = false;
    } else if (name == "--enable_onnx_checker") {
      ok = boolValue(b);
      f.check = b;
    } else if (name == "--x-max-model-bytes") {
      // Undocumented, for tests: the size that triggers external data.
      int64_t n = 0;
      ok = intValue(n);
      f.maxModelBytes = static_cast<uint64_t>(n);
    } else if (name == "-q" || name == "--quiet") {
      ok = noValue();
      f.quiet = true;
    } else if (name == "--model_dir" || name == "-m") {
      ok = value(f.modelDir);
    } else if (name == "--model_filename" || name == "-mf") {
      ok = value(f.modelFilename);
    } else if (name == "--params_filename" || name == "-pf") {
      ok = value(f.paramsFilename);
    } else if (name == "--deploy_backend" || name == "-d") {
      std::string backend;
      ok = value(backend);
      if (ok && backend != "onnxruntime" && backend != "tensorrt" &&
          backend != "rknn" && backend != "others")
        return usageError("--deploy_backend takes onnxruntime, tensorrt, "
                          "rknn or others, not '" +
                          backend + "'");
      if (ok && backend == "tensorrt")
        f.quantFormat = "tensorrt";
    } else if (name == "--fake-quant") {
      ok = value(f.fakeQuant);
      if (ok && f.fakeQuant != "exact" && f.fakeQuant != "qdq")
        return usageError("--fake-quant takes exact or qdq, not '" +
                          f.fakeQuant + "'");
    } else if (name == "--quant-format") {
      ok = value(f.quantFormat);
      if (ok && f.quantFormat != "qdq" && f.quantFormat != "tensorrt")
        return usageError("--quant-format takes qdq or tensorrt, not '" +
                          f.quantFormat + "'");
    } else if (name == "--enable_auto_update_opset" ||
               name == "--enable_paddle_fallback" ||
               name == "--enable_dev_version") {
      ok = boolValue(b);
    } else if (name == "--save_calibration_file") {
      ok = value(ignored);
    } else if (name == "--custom_ops") {
      return usageError("--custom_ops is not supported: Oar converts Paddle "
                        "ops to the default ONNX domain only");
    } else if (name == "--input_shape_dict") {
      return usageError("--input_shape_dict is not supported (Paddle2ONNX "
                        "deprecated it too); fix input shapes in Paddle");
    } else {
      return usageError("unknown option '" + name + "'");
    }
    if (!ok)
      return usageError(err);
  }

  if (!f.modelDir.empty()) {
    if (!positional.empty())
      return usageError("give the model either as MODEL or with --model_dir, "
                        "not both");
    SmallString<256> p(f.modelDir);
    if (f.modelFilename.empty())
      p = findModelIn(f.modelDir);
    else
      sys::path::append(p, f.modelFilename);
    f.model = std::string(p);
    if (!f.paramsFilename.empty()) {
      SmallString<256> q(f.modelDir);
      sys::path::append(q, f.paramsFilename);
      f.params = std::string(q);
    }
  } else {
    if (!f.modelFilename.empty() || !f.paramsFilename.empty()) {
      // Paddle2ONNX 1.x takes these as paths when no --model_dir is given.
      if (!positional.empty())
        return usageError("give the model either as MODEL or with "
                          "--model_filename, not both");
      f.model = f.modelFilename;
      f.params = f.paramsFilename;
    } else {
      if (positional.empty())
        return usageError("no model given (oar convert MODEL [PARAMS] -o "
                          "OUT.onnx)");
      if (positional.size() > 2)
        return usageError("too many arguments: '" + positional[2] + "'");
      f.model = positional[0];
      if (sys::fs::is_directory(f.model))
        f.model = findModelIn(f.model);
      if (positional.size() == 2)
        f.params = positional[1];
    }
  }
  if (f.model.empty())
    return usageError("no model given");
  if (f.quantize &&
      f.weightsOnly == (!f.calibrationTable.empty() || f.programThresholds))
    return usageError("oar quantize takes --weights-only (no data) or "
                      "--calibration-table FILE (static activation "
                      "quantization; written by tools/oar-calibrate) "
                      "and/or --program-thresholds");
  if (!f.calibrationTable.empty() && !sys::fs::exists(f.calibrationTable))
    return usageError("calibration table '" + f.calibrationTable +
                      "': no such file");
  if (f.output.empty())
    return usageError("no output file given (-o OUT.onnx)");
  if (!f.externalFile.empty() &&
      sys::path::filename(f.externalFile) != f.externalFile)
    return usageError("the external data file name '" + f.externalFile +
                      "' must be a plain file name (it is written beside "
                      "the model)");
  return -1;
}

std::string humanSize(uint64_t bytes) {
  std::string s;
  raw_string_ostream os(s);
  if (bytes >= (uint64_t(1) << 30))
    os << format("%.1f GB", bytes / double(1 << 30));
  else if (bytes >= (1u << 20))
    os << format("%.1f MB", bytes / double(1 << 20));
  else if (bytes >= 1024)
    os << format("%.1f KB", bytes / 1024.0);
  else
    os << bytes << " bytes";
  return s;
}

} // namespace

static int convertOrQuantize(int argc, char **argv, bool quantize) {
  ConvertFlags f;
  f.quantize = quantize;
  commandName = quantize ? "oar quantize" : "oar convert";
  int stop = parseFlags(argc, argv, f);
  if (stop >= 0)
    return stop;

  // Progress on a terminal when the model is big enough to wait for.
  uint64_t inputBytes = 0;
  {
    uint64_t s = 0;
    if (!sys::fs::file_size(f.model, s))
      inputBytes += s;
    if (!f.params.empty() && !sys::fs::file_size(f.params, s))
      inputBytes += s;
  }
  bool progress = sys::Process::StandardErrIsDisplayed() && !f.quiet &&
                  inputBytes >= (uint64_t(64) << 20);
  auto stage = [&](StringRef what) {
    if (progress)
      errs() << "oar: " << what << "...\n";
  };

  mlir::DialectRegistry registry;
  mlir::oar::paddle::registerImportDialects(registry);
  registry.insert<mlir::oar::onnx::OnnxDialect, mlir::func::FuncDialect>();
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // Diagnostics name the file, op and variable; a dump of the op (the whole
  // module for module-level errors) would drown them.
  context.printOpOnDiagnostic(false);
  mlir::oar::paddle::installDiagnosticPrinter(&context, errs());

  if (!sys::fs::exists(f.model)) {
    WithColor::error(errs(), "oar convert")
        << "'" << f.model << "': no such file\n";
    return 1;
  }
  stage("importing " + f.model);
  mlir::oar::paddle::ImportOptions importOptions;
  importOptions.paramsPath = f.params;
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::oar::paddle::importPaddleProgramFile(f.model, &context,
                                                 importOptions);
  if (!module)
    return 1;

  stage("converting to ONNX");
  mlir::PassManager pm(&context);
  mlir::oar::OnnxPipelineOptions pipeline;
  pipeline.opset = f.opset;
  pipeline.optimize = f.optimize;
  pipeline.quantFormat = f.quantFormat;
  pipeline.fakeQuant = f.fakeQuant;
  // Static quantization quantizes the weights too.
  pipeline.quantizeWeights = f.quantize;
  pipeline.calibrationTable = f.calibrationTable;
  pipeline.useThresholds = f.programThresholds;
  pipeline.quantizeOpTypes = f.opTypes;
  pipeline.quantizeSkip = f.skip;
  mlir::oar::buildPdToOnnxPipeline(pm, pipeline);
  if (mlir::failed(pm.run(*module)))
    return 1;

  int64_t opset = mlir::oar::onnx::getModuleOpset(*module).value_or(0);
  mlir::oar::onnx::ExportOptions exportOptions;
  exportOptions.fp16 = f.fp16;
  exportOptions.externalData = f.externalData;
  exportOptions.externalFileName = f.externalFile;
  if (f.maxModelBytes)
    exportOptions.maxModelBytes = f.maxModelBytes;
  int checkerOpset = mlir::oar::onnx::checkerMaxOpset();
  exportOptions.check = f.check.value_or(true) && opset <= checkerOpset;
  if (f.check.value_or(false) && opset > checkerOpset)
    WithColor::warning(errs(), "oar convert")
        << "the ONNX checker linked into Oar knows opsets up to "
        << checkerOpset << "; the opset " << opset
        << " model is written unchecked\n";

  stage("writing " + f.output);
  mlir::oar::onnx::ExportStats stats;
  if (mlir::failed(mlir::oar::onnx::exportOnnxModel(*module, f.output,
                                                    exportOptions, &stats)))
    return 1;

  if (!f.quiet) {
    outs() << "oar: wrote " << f.output << " (opset " << opset << ", "
           << stats.nodes << " nodes, " << stats.initializers
           << " initializers, " << humanSize(stats.modelBytes);
    if (!stats.externalPath.empty())
      outs() << " + " << humanSize(stats.externalBytes) << " in "
             << sys::path::filename(stats.externalPath);
    outs() << ")\n";
  }
  return 0;
}

int runConvert(int argc, char **argv) {
  return convertOrQuantize(argc, argv, /*quantize=*/false);
}

int runQuantize(int argc, char **argv) {
  return convertOrQuantize(argc, argv, /*quantize=*/true);
}
