//===- PdBase.td - Paddle dialect base ---------------------*- tablegen -*-===//
//
// The `pd` dialect: Paddle operators as imported from ProgramDesc (and,
// later, PIR) programs, before any lowering.
//
//===----------------------------------------------------------------------===//

#ifndef OAR_DIALECTS_PD_PDBASE_TD
#define OAR_DIALECTS_PD_PDBASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Pd_Dialect : Dialect {
  let name = "pd";
  let cppNamespace = "::mlir::oar::pd";
  let summary = "Paddle operators";
  let description = [{
    The `pd` dialect holds PaddlePaddle programs as Paddle itself describes
    them: one op per Paddle operator, named after Paddle 3.x's PIR operator
    (`pd_op.<name>`), with Paddle's attributes, typed, and Paddle's default
    values filled in. Legacy ProgramDesc operator types are mapped onto these
    names on import (`elementwise_add` to `pd.add`, `reshape2` to
    `pd.reshape`, ...).

    Values are builtin ranked tensors; `?` marks a dim unknown when the
    program was saved. Paddle's dtypes map to element types as follows:
    bool `i1`, uint8 `ui8`, int8 `i8`, int16 `i16`, int32 `i32`,
    int64 `i64`, float16 `f16`, bfloat16 `bf16`, float32 `f32`,
    float64 `f64`, complex64 `complex<f32>`, complex128 `complex<f64>`.

    Parameters are `arith.constant` ops whose value is a `dense_resource`
    blob named after the Paddle variable; without a parameters file they are
    `pd.parameter` placeholders.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::quant::QuantDialect"];
  let hasConstantMaterializer = 1;
  let useDefaultTypePrinterParser = 1;
}

def Pd_ElementType : AnyTypeOf<[I1, UI8, I8, I16, I32, I64, F16, BF16, F32,
                                F64, Complex<F32>, Complex<F64>],
                               "Paddle element type">;

def Pd_Tensor : RankedTensorOf<[Pd_ElementType]>;

class Pd_Op<string mnemonic, list<Trait> traits = []>
    : Op<Pd_Dialect, mnemonic, traits>;

#endif // OAR_DIALECTS_PD_PDBASE_TD
