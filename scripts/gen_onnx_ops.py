#!/usr/bin/env python3
"""Generates the `onnx` dialect's ops from the ONNX operator schemas.

Reads the schemas of the default domain (ai.onnx) from the `onnx` Python
package (pinned in test/e2e/requirements.txt) and writes

  dialects/onnx/OnnxOps.gen.td    one op per operator
  dialects/onnx/OnnxSchemas.inc   per-version inputs, outputs and attributes,
                                  for the opset check and the writer

Run with the project's virtual environment:

  .venv/bin/python scripts/gen_onnx_ops.py

Each op is the union of the operator's versions in effect between opsets
MIN_OPSET and MAX_OPSET: an input or attribute that some version lacks is
optional, so one op spells every version (Squeeze's `axes` as attribute up to
opset 12 and as input from 13). Which version may use what is checked against
the module's opset by OnnxSchemas.inc, not by the op.

Absent optional inputs and outputs are values of type `none` (from
`onnx.NoValue`), so operand i is always ONNX input i.
"""
import os
import re
import sys

import onnx
import onnx.defs as defs

MIN_OPSET = 7
MAX_OPSET = 21
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_TD = os.path.join(REPO, "dialects", "onnx", "OnnxOps.gen.td")
OUT_INC = os.path.join(REPO, "dialects", "onnx", "OnnxSchemas.inc")
OUT_ARITY = os.path.join(REPO, "dialects", "onnx", "OnnxArity.inc")

A = defs.OpSchema.AttrType
ATTR_TYPES = {
    A.INT: ("I64Attr", "Int"),
    A.FLOAT: ("F32Attr", "Float"),
    A.STRING: ("StrAttr", "String"),
    A.INTS: ("DenseI64ArrayAttr", "Ints"),
    A.FLOATS: ("DenseF32ArrayAttr", "Floats"),
    A.STRINGS: ("StrArrayAttr", "Strings"),
    A.TENSOR: ("ElementsAttr", "Tensor"),
    A.SPARSE_TENSOR: ("ElementsAttr", "SparseTensor"),
    A.TYPE_PROTO: ("TypeAttr", "TypeProto"),
}

ELEM = {
    "float": "F32", "double": "F64", "float16": "F16", "bfloat16": "BF16",
    "int8": "I8", "int16": "I16", "int32": "I32", "int64": "I64",
    "uint8": "UI8", "uint16": "UI16", "uint32": "UI32", "uint64": "UI64",
    "bool": "I1", "complex64": "Complex<F32>", "complex128": "Complex<F64>",
    "float8e4m3fn": "F8E4M3FN", "float8e4m3fnuz": "F8E4M3FNUZ",
    "float8e5m2": "F8E5M2", "float8e5m2fnuz": "F8E5M2FNUZ",
    "uint4": "UI<4>", "int4": "I<4>",
}

# Operators whose results are not a function of their operands.
NOT_PURE = {"RandomNormal", "RandomNormalLike", "RandomUniform",
            "RandomUniformLike", "Multinomial", "Bernoulli"}
# Operators with subgraphs: their effects are those of their bodies.
REGION_OPS = {"If", "Loop", "Scan", "SequenceMap"}
# Hand additions to generated ops: traits, and ODS lines added to the body.
EXTRA = {
    "Constant": (["ConstantLike"], [
        "let hasFolder = 1;",
        "let builders = [OpBuilder<(ins \"::mlir::ElementsAttr\":$value), [{",
        "  $_state.addAttribute(\"value\", value);",
        "  $_state.addTypes(value.getType());",
        "}]>];",
    ]),
}


def versions(name):
    """The operator's schemas in effect for some opset in range."""
    hist = sorted((s for s in defs.get_all_schemas_with_history()
                   if s.name == name and s.domain == ""),
                  key=lambda s: s.since_version)
    out = []
    for i, s in enumerate(hist):
        end = hist[i + 1].since_version - 1 if i + 1 < len(hist) else 10**9
        if s.deprecated:
            continue
        if s.since_version <= MAX_OPSET and end >= MIN_OPSET:
            out.append(s)
    return out


def type_constraint(schema, param, optional):
    """ODS type constraint for a formal parameter."""
    tc = {t.type_param_str: t for t in schema.type_constraints}
    allowed = (list(tc[param.type_str].allowed_type_strs)
               if param.type_str in tc else [param.type_str])
    if all(a.startswith("tensor(") for a in allowed):
        elems = []
        for a in allowed:
            e = ELEM.get(a[len("tensor("):-1])
            if e is None:
                elems = None
                break
            if e not in elems:
                elems.append(e)
        base = (f"TensorOf<[{', '.join(elems)}]>" if elems else "AnyTensor")
        return f"Onnx_Optional<{base}>" if optional else base
    return "AnyType"


def camel(name):
    """The name ODS makes accessors from (getFoo): K and k collide."""
    return "".join(p[:1].upper() + p[1:] for p in name.split("_"))


def escape(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')


def first_line(doc):
    """The schema doc's first sentence, shortened to one line."""
    text = " ".join((doc or "").split())
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links
    m = re.match(r"(.+?[.:])(\s|$)", text)
    s = (m.group(1) if m else text).rstrip(".:")
    s = s.replace('"', "'").replace("`", "'").replace("\\", "")
    return s if len(s) <= 78 else s[:75].rsplit(" ", 1)[0] + " ..."


def gen_op(name, vs):
    latest = vs[-1]
    # Inputs and outputs by position; the latest version names them.
    def formals(get):
        n = max(len(get(s)) for s in vs)
        out = []
        for i in range(n):
            present = [s for s in vs if i < len(get(s))]
            ref = get(present[-1])[i]
            opt = (len(present) < len(vs) or any(
                get(s)[i].option == defs.OpSchema.FormalParameterOption.Optional
                for s in present))
            var = ref.option == defs.OpSchema.FormalParameterOption.Variadic
            out.append((ref, present[-1], opt, var))
        names = [r.name for r, _, _, _ in out]
        if len(set(names)) < len(names) or sum(v for *_, v in out) > 1:
            # Versions that disagree on positions (Scan 8 and 9): the
            # latest version's formals only.
            out = [(f, latest, f.option ==
                    defs.OpSchema.FormalParameterOption.Optional,
                    f.option == defs.OpSchema.FormalParameterOption.Variadic)
                   for f in get(latest)]
        return out

    ins = formals(lambda s: s.inputs)
    outs = formals(lambda s: s.outputs)
    attrs = {}
    for s in vs:
        for an, a in s.attributes.items():
            attrs[an] = a  # the latest version's type wins
    req = {an for an, a in attrs.items()
           if all(an in s.attributes and s.attributes[an].required
                  for s in vs)}

    traits = []
    if name in REGION_OPS:
        traits.append("RecursiveMemoryEffects")
    elif name not in NOT_PURE:
        traits.append("Pure")
    args, res, regions = [], [], []
    attr_keys = {camel(a) for a in attrs}
    for ref, sch, opt, var in ins:
        tcs = type_constraint(sch, ref, opt and not var)
        if var:
            tcs = f"Variadic<{tcs}>"
        # Attributes are written by name, operands by position: an input
        # that shares an attribute's name (Squeeze's axes) gets a suffix.
        arg = ref.name + ("_in" if camel(ref.name) in attr_keys else "")
        args.append(f"{tcs}:${arg}")
    for an in sorted(attrs):
        a = attrs[an]
        if a.type == A.GRAPH:
            regions.append(f"AnyRegion:${an}")
            continue
        if a.type not in ATTR_TYPES:
            raise SystemExit(f"{name}: attribute {an} has type {a.type}")
        t = ATTR_TYPES[a.type][0]
        args.append(f"{t}:${an}" if an in req else f"OptionalAttr<{t}>:${an}")
    for ref, sch, opt, var in outs:
        tcs = type_constraint(sch, ref, opt and not var)
        if var:
            tcs = f"Variadic<{tcs}>"
        res.append(f"{tcs}:${ref.name}")

    since = ", ".join(str(s.since_version) for s in vs)
    extra_traits, extra_body = EXTRA.get(name, ([], []))
    traits += extra_traits
    lines = [f'def Onnx_{name}Op : Onnx_Op<"{name}", [{", ".join(traits)}]> {{']
    lines.append(f'  let summary = "{escape(first_line(latest.doc)) or name}";')
    lines.append("  let description = [{")
    lines.append(f"    ONNX operator `{name}`, versions {since} "
                 f"(in effect from opset {vs[0].since_version} "
                 f"or earlier).")
    lines.append("  }];")
    lines.append("  let arguments = (ins" + ("\n    " if args else "")
                 + ",\n    ".join(args) + "\n  );")
    lines.append("  let results = (outs" + ("\n    " if res else "")
                 + ",\n    ".join(res) + "\n  );")
    if regions:
        lines.append("  let regions = (region " + ", ".join(regions) + ");")
    else:
        lines.append("  let assemblyFormat = \"`(` operands `)` attr-dict "
                     "`:` functional-type(operands, results)\";")
    lines += ["  " + line for line in extra_body]
    lines.append("}")
    return "\n".join(lines), (name, -1 if any(v for *_, v in ins) else
                               len(ins),
                               -1 if any(v for *_, v in outs) else len(outs))


def gen_schema(name, vs):
    """One OnnxSchema entry: every version with its formals and attributes."""
    rows = []
    for s in vs:
        def count(fs):
            mn, mx = 0, 0
            for f in fs:
                o = f.option
                if o == defs.OpSchema.FormalParameterOption.Variadic:
                    mx = -1
                    if f.min_arity > 0:
                        mn += f.min_arity
                elif o == defs.OpSchema.FormalParameterOption.Optional:
                    mx += 1
                else:
                    mx += 1
                    mn = mx
            return mn, mx
        imin, imax = count(s.inputs)
        omin, omax = count(s.outputs)
        attrs = " ".join(f"{an}:{ATTR_TYPES.get(a.type, (0, 'Graph'))[1]}"
                         + ("!" if a.required else "")
                         for an, a in sorted(s.attributes.items()))
        rows.append(f'  {{"{name}", {s.since_version}, {imin}, {imax}, '
                    f'{omin}, {omax}, "{attrs}"}},')
    return rows


def main():
    names = sorted({s.name for s in defs.get_all_schemas_with_history()
                    if s.domain == ""})
    ops, schema_rows, arity = [], [], []
    for n in names:
        vs = versions(n)
        if not vs:
            continue
        td, ar = gen_op(n, vs)
        ops.append(td)
        arity.append(ar)
        schema_rows += gen_schema(n, vs)
    header = (f"generated by scripts/gen_onnx_ops.py from the schemas of "
              f"onnx {onnx.__version__}, opsets {MIN_OPSET} to {MAX_OPSET}; "
              "do not edit. Regenerate with: .venv/bin/python "
              "scripts/gen_onnx_ops.py")
    with open(OUT_TD, "w") as f:
        f.write("//===- OnnxOps.gen.td - ONNX operators "
                "------------------------*- tablegen -*-===//\n//\n"
                f"// {header}\n//\n"
                "//===---------------------------------------------------"
                "-------------------===//\n\n"
                "#ifndef OAR_DIALECTS_ONNX_ONNXOPS_GEN_TD\n"
                "#define OAR_DIALECTS_ONNX_ONNXOPS_GEN_TD\n\n"
                "include \"dialects/onnx/OnnxBase.td\"\n\n")
        f.write("\n\n".join(ops))
        f.write("\n\n#endif // OAR_DIALECTS_ONNX_ONNXOPS_GEN_TD\n")
    with open(OUT_INC, "w") as f:
        f.write(f"// {header}\n"
                "// {op, since_version, min inputs, max inputs (-1: "
                "variadic), min outputs, max outputs, \"attr:Kind[!] ...\"}"
                " ('!': required)\n")
        f.write("\n".join(schema_rows) + "\n")
    with open(OUT_ARITY, "w") as f:
        f.write(f"// {header}\n"
                "// {op, operands of the op, results of the op} "
                "(-1: variadic)\n")
        f.write("\n".join(f'  {{"{n}", {i}, {o}}},' for n, i, o in arity)
                + "\n")
    print(f"wrote {len(ops)} ops, {len(schema_rows)} versions", file=sys.stderr)


if __name__ == "__main__":
    main()
