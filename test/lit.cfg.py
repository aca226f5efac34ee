# -*- Python -*-
# lit configuration of Oar's FileCheck tests (test/ minus e2e and unit).

import os
import sys

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "Oar"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["e2e", "unit", "Inputs", "CMakeLists.txt", "lit.cfg.py",
                   "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.oar_obj_root, "test")

llvm_config.with_system_environment(["HOME", "TMPDIR"])
llvm_config.use_default_substitutions()

python = config.python_executable or sys.executable
proto = os.path.join(config.oar_src_root, "frontends", "paddle",
                     "framework.proto")
# %encode program IN OUT / %encode params OUT SPEC...: see test/Inputs/encode.py.
config.substitutions.append(
    ("%encode",
     f"{python} {config.oar_src_root}/test/Inputs/encode.py "
     f"--protoc {config.protoc} --proto {proto}"))
config.substitutions.append(("%python", python))
# %expect-exit CODE CMD...: succeeds iff CMD exits with CODE.
config.substitutions.append(
    ("%expect-exit", f"{python} {config.oar_src_root}/test/Inputs/expect_exit.py"))
config.substitutions.append(("%inputs",
                             os.path.join(config.oar_src_root, "test",
                                          "Inputs")))

# %onnx-dump < model.onnx: the ModelProto in protobuf text format.
onnx_proto = getattr(config, "onnx_proto", "")
if onnx_proto and os.path.exists(onnx_proto):
    include = os.path.dirname(os.path.dirname(onnx_proto))
    config.substitutions.append(
        ("%onnx-dump",
         f"{config.protoc} --decode=onnx.ModelProto --proto_path={include} "
         f"{onnx_proto}"))
    config.available_features.add("onnx-proto")

tool_dirs = [config.oar_tools_dir, config.llvm_tools_dir]
llvm_config.add_tool_substitutions(["oar-opt", "oar-translate", "oar", "FileCheck",
                                    "not", "count", "split-file"],
                                   tool_dirs)
