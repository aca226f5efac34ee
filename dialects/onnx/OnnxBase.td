//===- OnnxBase.td - ONNX dialect base ---------------------*- tablegen -*-===//
//
// The `onnx` dialect: ONNX operators (default domain, opsets 7 to 21), the
// target of convert-pd-to-onnx and the input of the ONNX model writer.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_DIALECTS_ONNX_ONNXBASE_TD
#define OAR_DIALECTS_ONNX_ONNXBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

def Onnx_Dialect : Dialect {
  let name = "onnx";
  let cppNamespace = "::mlir::oar::onnx";
  let summary = "ONNX operators";
  let description = [{
    One op per ONNX operator of the default domain, named as ONNX names it
    (`onnx.Conv`, `onnx.Reshape`). An op is the union of the operator's
    versions in effect from opset 7 to 21: an input or attribute that only
    some versions have is optional, and the module's `onnx.opset` attribute
    says which version the ops are read as (checked by `onnx-check-opset`
    and by the writer).

    Operand i is ONNX input i and result i ONNX output i. An absent optional
    input is a `none` value made by `onnx.NoValue`; an absent optional
    output has type `none`. Attributes carry their ONNX names and types:
    INT `i64`, FLOAT `f32`, STRING, INTS `array<i64>`, FLOATS `array<f32>`,
    STRINGS, TENSOR (an elements attribute); GRAPH attributes are regions.
    Tensors are builtin tensors with ONNX's element types (bool is `i1`,
    uint8 `ui8`, int8 `i8`, ...).
  }];
  let usePropertiesForAttributes = 0;
  let hasConstantMaterializer = 1;
  let useDefaultTypePrinterParser = 1;
}

class Onnx_Op<string mnemonic, list<Trait> traits = []>
    : Op<Onnx_Dialect, mnemonic, traits>;

/// An optional input or output: a tensor, or `none` when absent.
class Onnx_Optional<Type t>
    : AnyTypeOf<[t, NoneType], "optional " # t.summary>;

/// ONNX's sequence type: `!onnx.seq<tensor<?xf32>>`.
def Onnx_SeqType : TypeDef<Onnx_Dialect, "Seq"> {
  let mnemonic = "seq";
  let summary = "ONNX sequence of tensors";
  let parameters = (ins "::mlir::Type":$elementType);
  let assemblyFormat = "`<` $elementType `>`";
}

#endif // OAR_DIALECTS_ONNX_ONNXBASE_TD
