// REQUIRES: onnx-proto
// RUN: oar-translate --export-onnx --onnx-fp16 %s -o %t.onnx
// RUN: oar-translate --import-onnx %t.onnx | FileCheck %s

// float16 export through control flow: Loop-carried values, body arguments
// and If results follow their values to float16, sequences of float32
// (tensor arrays) become sequences of float16 and SequenceEmpty's dtype
// says so.

// CHECK: onnx.SequenceEmpty() {dtype = 10 : i64} : () -> !onnx.seq<tensor<*xf16>>
// CHECK: "onnx.Loop"
// CHECK: ^bb0(%{{.*}}: tensor<i64>, %{{.*}}: tensor<i1>, %{{.*}}: tensor<2xf16>, %{{.*}}: !onnx.seq<tensor<?xf16>>):
// CHECK:   onnx.SequenceInsert({{.*}}) : (!onnx.seq<tensor<?xf16>>, tensor<2xf16>, none) -> !onnx.seq<tensor<?xf16>>
// CHECK: "onnx.If"
// CHECK: }) : (tensor<i1>) -> tensor<2xf16>

module attributes {onnx.opset = 13 : i64} {
  func.func @main(%x: tensor<2xf32> {pd.name = "x"}, %c: tensor<i1> {pd.name = "c"})
      -> (tensor<?x2xf32> {pd.name = "out"}, tensor<2xf32> {pd.name = "sel"}) {
    %none = onnx.NoValue
    %e = onnx.SequenceEmpty() {dtype = 1 : i64} : () -> !onnx.seq<tensor<?xf32>> loc("empty")
    %r:2 = "onnx.Loop"(%none, %c, %x, %e) ({
    ^bb0(%i: tensor<i64> loc("iter"), %ci: tensor<i1> loc("cond_in"), %a: tensor<2xf32> loc("a"), %s: !onnx.seq<tensor<?xf32>> loc("s")):
      %a2 = onnx.Add(%a, %x) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32> loc("a.next")
      %n = onnx.SequenceInsert(%s, %a2, %none) : (!onnx.seq<tensor<?xf32>>, tensor<2xf32>, none) -> !onnx.seq<tensor<?xf32>> loc("s.next")
      onnx.Yield %ci, %a2, %n : tensor<i1>, tensor<2xf32>, !onnx.seq<tensor<?xf32>>
    }) : (none, tensor<i1>, tensor<2xf32>, !onnx.seq<tensor<?xf32>>) -> (tensor<2xf32>, !onnx.seq<tensor<?xf32>>) loc("loop")
    %t = onnx.ConcatFromSequence(%r#1) {axis = 0 : i64, new_axis = 1 : i64} : (!onnx.seq<tensor<?xf32>>) -> tensor<?x2xf32> loc("out")
    %sel = "onnx.If"(%c) ({
      onnx.Yield %x : tensor<2xf32>
    }, {
      onnx.Yield %r#0 : tensor<2xf32>
    }) : (tensor<i1>) -> tensor<2xf32> loc("sel")
    return %t, %sel : tensor<?x2xf32>, tensor<2xf32>
  }
}
