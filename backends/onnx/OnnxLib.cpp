//===- OnnxLib.cpp - Calls into the ONNX library --------------------------===//
//
// The ONNX library reports errors with C++ exceptions; this file alone is
// compiled with them enabled, and no exception leaves it.
//
//===----------------------------------------------------------------------===//

#include "backends/onnx/OnnxCommon.h"

#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/shape_inference/implementation.h>

#include <exception>

int mlir::oar::onnx::checkerMaxOpset() {
  const auto &map =
      ::onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
  auto it = map.find("");
  return it == map.end() ? 0 : it->second.second;
}

bool mlir::oar::onnx::checkModel(const ::onnx::ModelProto &model,
                                 llvm::StringRef modelDir, std::string &error) {
  try {
    // check_model(ModelProto) less its hard-wired model directory: external
    // data is found relative to `modelDir`.
    if (!model.has_ir_version() ||
        model.ir_version() > ::onnx::Version::IR_VERSION) {
      error = "IR version " + std::to_string(model.ir_version()) +
              " is not supported by the linked ONNX library";
      return false;
    }
    ::onnx::checker::CheckerContext ctx;
    ctx.set_ir_version(static_cast<int>(model.ir_version()));
    std::unordered_map<std::string, int> opsets;
    for (const auto &imp : model.opset_import())
      opsets[imp.domain()] = static_cast<int>(imp.version());
    ctx.set_opset_imports(opsets);
    ctx.set_model_dir(modelDir.empty() ? std::string(".") : modelDir.str());
    ::onnx::checker::LexicalScopeContext lex;
    ::onnx::checker::check_graph(model.graph(), ctx, lex);
    return true;
  } catch (const std::exception &e) {
    error = e.what();
    return false;
  }
}

bool mlir::oar::onnx::inferShapes(::onnx::ModelProto &model,
                                  std::string &error) {
  try {
    ::onnx::ShapeInferenceOptions options;
    options.check_type = false;
    options.error_mode = 0;
    ::onnx::shape_inference::InferShapes(
        model, ::onnx::OpSchemaRegistry::Instance(), options);
    return true;
  } catch (const std::exception &e) {
    error = e.what();
    return false;
  }
}
