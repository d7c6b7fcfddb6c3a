#!/usr/bin/env python3
"""Generate BerthWire's ECR sources from botocore's ECR service model.

Usage:
    python3 Tools/ECRModelGen/generate.py            # (re)write Packages/BerthWire/Sources/BerthWire/Generated/
    python3 Tools/ECRModelGen/generate.py --check    # exit 1 when the committed output is out of date
    python3 Tools/ECRModelGen/generate.py --model path/to/service-2.json   # use a raw model file

Needs only the Python standard library and botocore (which ships the model). See README.md beside this file.
"""

import argparse
import html
import json
import os
import re
import sys
import textwrap

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(ROOT, "Packages", "BerthWire", "Sources", "BerthWire", "Generated")
TARGET_PREFIX_KEY = "targetPrefix"
SHAPES_PER_FILE = 8
LINE = 150

# botocore patterns are Java regular expressions; NSRegularExpression (ICU) accepts every pattern of the 2015-09-21
# model as it is. A pattern that ICU rejects gets an equivalent spelling here (model pattern -> ICU pattern).
PATTERN_FIXUPS = {}

# The protocol-level errors every AWS JSON 1.1 service can answer, with their HTTP status.
PROTOCOL_ERRORS = [
    ("SerializationException", 400, "The request body could not be read as the operation's JSON input."),
    ("UnknownOperationException", 400, "The `X-Amz-Target` (or `Action`) names no operation of this service."),
    ("MissingAuthenticationTokenException", 403, "The request carries no (or a malformed) `Authorization`."),
    ("IncompleteSignatureException", 400, "The SigV4 signature does not include every required part."),
    ("UnrecognizedClientException", 400, "The access key ID is unknown."),
    ("InvalidSignatureException", 400, "The SigV4 signature does not match, or the request time is out of range."),
    ("AccessDeniedException", 403, "The caller is not allowed to perform the action."),
    ("ThrottlingException", 400, "The request was denied because of request rate limits."),
    ("InternalFailure", 500, "The request failed because of an unknown error inside the server."),
]

SWIFT_KEYWORDS = {
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
    "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static",
    "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do", "else",
    "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "as", "Any",
    "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
}

SCALAR_SWIFT = {
    "string": "String", "integer": "Int", "long": "Int64", "boolean": "Bool", "float": "Double", "double": "Double",
    "timestamp": "Double", "blob": "Data",
}
SCALAR_CODE = {
    "string": "s", "integer": "i", "long": "l", "boolean": "b", "float": "d", "double": "d", "timestamp": "t",
    "blob": "x",
}


def load_model(path):
    """Return (model dict, botocore version string)."""
    import botocore

    if path:
        with open(path) as handle:
            return json.load(handle), botocore.__version__
    import botocore.session

    loader = botocore.session.get_session().get_component("data_loader")
    return loader.load_service_model("ecr", "service-2"), botocore.__version__


def lower_camel(name):
    return name[0].lower() + name[1:]


def ident(name):
    return "`%s`" % name if name in SWIFT_KEYWORDS else name


def swift_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def summary(doc, fallback):
    """The first sentence of a model documentation string, as plain text."""
    if not doc:
        return fallback
    text = re.sub(r"<[^>]+>", " ", doc)
    text = html.unescape(text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return fallback
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    if len(sentence) > 300:
        sentence = sentence[:297].rstrip() + "..."
    return sentence


def doc_lines(text, indent):
    width = LINE - indent - 4
    return [" " * indent + "/// " + line for line in textwrap.wrap(text, width=width, break_on_hyphens=False)]


class Model:
    def __init__(self, raw):
        self.raw = raw
        self.shapes = raw["shapes"]
        self.operations = raw["operations"]
        self.inputs = self.reach([op["input"]["shape"] for op in self.operations.values() if "input" in op])
        self.outputs = self.reach([op["output"]["shape"] for op in self.operations.values() if "output" in op])
        self.structures = sorted(
            n for n in self.inputs | self.outputs if self.shapes[n]["type"] == "structure"
        )
        self.errors = sorted(n for n, s in self.shapes.items() if s.get("exception"))
        self._checks = {}

    def reach(self, roots):
        seen = set()
        stack = list(roots)
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.add(name)
            shape = self.shapes[name]
            if shape["type"] == "structure":
                stack.extend(m["shape"] for m in shape.get("members", {}).values())
            elif shape["type"] == "list":
                stack.append(shape["member"]["shape"])
            elif shape["type"] == "map":
                stack.extend([shape["key"]["shape"], shape["value"]["shape"]])
        return seen

    def fallback_doc(self, name):
        for op_name, op in sorted(self.operations.items()):
            if op["input"]["shape"] == name:
                return "The input of the `%s` operation." % op_name
            if op["output"]["shape"] == name:
                return "The output of the `%s` operation." % op_name
        return "The `%s` shape of the ECR API." % name

    def is_input(self, name):
        return name in self.inputs

    def swift_type(self, name):
        shape = self.shapes[name]
        kind = shape["type"]
        if kind in SCALAR_SWIFT:
            return SCALAR_SWIFT[kind]
        if kind == "list":
            return "[%s]" % self.swift_type(shape["member"]["shape"])
        if kind == "map":
            return "[String: %s]" % self.swift_type(shape["value"]["shape"])
        if kind == "structure":
            return "ECR.%s" % name
        raise ValueError("unsupported shape type %s (%s)" % (kind, name))

    def wire_code(self, name):
        """The compact type code the query form reads (see ECRWireType.swift)."""
        shape = self.shapes[name]
        kind = shape["type"]
        if kind in SCALAR_CODE:
            return SCALAR_CODE[kind]
        if kind == "list":
            return "[%s]" % self.wire_code(shape["member"]["shape"])
        if kind == "map":
            return "{%s}" % self.wire_code(shape["value"]["shape"])
        return "@" + name

    def uses_data(self, name):
        return any(self.shapes[m["shape"]]["type"] == "blob" or self.uses_data_deep(m["shape"])
                   for m in self.shapes[name].get("members", {}).values())

    def uses_data_deep(self, name):
        shape = self.shapes[name]
        if shape["type"] == "list":
            return self.shapes[shape["member"]["shape"]]["type"] == "blob"
        return False

    def has_checks(self, name):
        """True when values of shape `name` can violate a model constraint."""
        if name in self._checks:
            return self._checks[name]
        self._checks[name] = False  # cycle guard
        shape = self.shapes[name]
        kind = shape["type"]
        result = False
        if kind in ("string", "blob", "integer", "long", "float", "double"):
            result = any(k in shape for k in ("min", "max", "pattern", "enum"))
        elif kind == "list":
            result = "min" in shape or "max" in shape or self.has_checks(shape["member"]["shape"])
        elif kind == "map":
            result = ("min" in shape or "max" in shape or self.has_checks(shape["key"]["shape"])
                      or self.has_checks(shape["value"]["shape"]))
        elif kind == "structure":
            result = any(self.has_checks(m["shape"]) for m in shape.get("members", {}).values())
        self._checks[name] = result
        return result

    def patterns(self):
        """pattern source -> Swift static name, named after the first shape (by name) that uses it."""
        names = {}
        for name in sorted(self.shapes):
            pattern = self.shapes[name].get("pattern")
            if pattern is not None and pattern not in names:
                names[pattern] = lower_camel(name)
        return names

    def enums(self):
        return sorted(n for n, s in self.shapes.items() if s["type"] == "string" and "enum" in s)


def call_lines(indent, head, args, tail=""):
    """`head(arg, arg)tail` on one line when it fits, else one argument per line."""
    pad = " " * indent
    one = pad + "%s(%s)%s" % (head, ", ".join(args), tail)
    if len(one) <= LINE:
        return [one]
    lines = [pad + head + "("]
    for index, arg in enumerate(args):
        lines.append(pad + "    " + arg + ("," if index < len(args) - 1 else ""))
    lines.append(pad + ")" + tail)
    return lines


def header(version, imports=()):
    lines = ["// generated by Tools/ECRModelGen/generate.py from botocore %s; do not edit" % version, ""]
    for line in imports:
        lines.append(line)
    if imports:
        lines.append("")
    return lines


# ----------------------------------------------------------------------------------------------------------------
# Structures


def gen_member_decls(model, name, indent):
    shape = model.shapes[name]
    required = set(shape.get("required", []))
    lines = []
    for member, spec in shape.get("members", {}).items():
        swift = model.swift_type(spec["shape"])
        optional = "" if member in required else "?"
        doc = summary(spec.get("documentation") or model.shapes[spec["shape"]].get("documentation"),
                      "The `%s` member." % member)
        if member in required:
            doc += " Required."
        lines += doc_lines(doc, indent)
        lines.append(" " * indent + "public var %s: %s%s" % (ident(member), swift, optional))
    return lines


def gen_init(model, name, indent):
    shape = model.shapes[name]
    members = shape.get("members", {})
    required = set(shape.get("required", []))
    pad = " " * indent
    lines = [pad + "/// Creates a value from its members; optional members default to `nil`."]
    if not members:
        lines.append(pad + "public init() {}")
        return lines
    params = []
    for member, spec in members.items():
        swift = model.swift_type(spec["shape"])
        if member in required:
            params.append("%s: %s" % (ident(member), swift))
        else:
            params.append("%s: %s? = nil" % (ident(member), swift))
    one_line = pad + "public init(%s) {" % ", ".join(params)
    if len(one_line) <= LINE:
        lines.append(one_line)
    else:
        lines.append(pad + "public init(")
        for index, param in enumerate(params):
            comma = "," if index < len(params) - 1 else ""
            lines.append(pad + "    " + param + comma)
        lines.append(pad + ") {")
    for member in members:
        lines.append(pad + "    self.%s = %s" % (member, ident(member)))
    lines.append(pad + "}")
    return lines


def gen_coding_keys(model, name, indent):
    members = list(model.shapes[name].get("members", {}))
    pad = " " * indent
    lines = [pad + "enum CodingKeys: String, CodingKey {"]
    cases = ", ".join(ident(m) for m in members)
    one_line = pad + "    case " + cases
    if len(one_line) <= LINE:
        lines.append(one_line)
    else:
        for member in members:
            lines.append(pad + "    case " + ident(member))
    lines.append(pad + "}")
    return lines


def gen_decoder(model, name, indent):
    shape = model.shapes[name]
    members = shape.get("members", {})
    required = set(shape.get("required", []))
    pad = " " * indent
    lines = [
        pad + "/// Decodes the JSON form: a missing required member throws `InvalidParameterException` (an `ECRError`),",
        pad + "/// a value of the wrong JSON type throws a `DecodingError`, which the dispatcher reports as `SerializationException`.",
        pad + "public init(from decoder: any Decoder) throws {",
    ]
    if not members:
        lines.append(pad + "    _ = try decoder.container(keyedBy: ECRAnyCodingKey.self)")
        lines.append(pad + "}")
        return lines
    lines.append(pad + "    let container = try decoder.container(keyedBy: CodingKeys.self)")
    for member, spec in members.items():
        swift = model.swift_type(spec["shape"])
        call = "decodeRequired" if member in required else "decodeIfPresent"
        lines += call_lines(indent + 4, "self.%s = try container.%s" % (member, call),
                            ["%s.self" % swift, "forKey: .%s" % ident(member)])
    lines.append(pad + "}")
    return lines


def gen_empty_encoder(indent):
    pad = " " * indent
    return [
        pad + "/// Encodes the value as an empty JSON object.",
        pad + "public func encode(to encoder: any Encoder) throws {",
        pad + "    _ = encoder.container(keyedBy: ECRAnyCodingKey.self)",
        pad + "}",
    ]


class CheckWriter:
    """Writes the body of `validate(at:into:)`: one line per constrained member, loops for lists and maps."""

    def __init__(self, model):
        self.model = model
        self.counter = 0

    def fresh(self, stem):
        self.counter += 1
        return "%s%d" % (stem, self.counter)

    def constraint_args(self, shape, allow_pattern=True):
        args = []
        is_length = shape["type"] in ("string", "blob", "list", "map")
        if "min" in shape and (shape["min"] > 0 or not is_length):
            args.append("min: %d" % shape["min"])
        if "max" in shape:
            args.append("max: %d" % shape["max"])
        if allow_pattern and "pattern" in shape:
            args.append("pattern: .%s" % self.model.patterns()[shape["pattern"]])
        if "enum" in shape:
            args.append("allowed: ECREnumValues.%s" % lower_camel(shape["_name"]))
        return args

    def check(self, expr, shape_name, path, optional, indent):
        """Lines validating `expr` (of shape `shape_name`; `optional` when its Swift type is optional)."""
        model = self.model
        shape = dict(model.shapes[shape_name])
        shape["_name"] = shape_name
        kind = shape["type"]
        pad = " " * indent
        if not model.has_checks(shape_name):
            return []
        if kind in ("string", "blob", "integer", "long", "float", "double"):
            method = {"string": "string", "blob": "blob", "integer": "integer", "long": "long", "float": "double",
                      "double": "double"}[kind]
            args = [expr, path] + self.constraint_args(shape, allow_pattern=(kind == "string"))
            return call_lines(indent, "violations." + method, args)
        if kind == "structure":
            mark = "?" if optional else ""
            return [pad + "%s%s.validate(at: %s, into: &violations)" % (expr, mark, path)]
        lines = []
        inner_indent = indent
        value = expr
        if optional:
            value = self.fresh("list" if kind == "list" else "map")
            lines.append(pad + "if let %s = %s {" % (value, expr))
            inner_indent += 4
        ipad = " " * inner_indent
        path_name = self.fresh("path")
        lines.append(ipad + "let %s = %s" % (path_name, path))
        count_args = []
        if "min" in shape and shape["min"] > 0:
            count_args.append("min: %d" % shape["min"])
        if "max" in shape:
            count_args.append("max: %d" % shape["max"])
        if count_args:
            lines += call_lines(inner_indent, "violations.count", ["of: " + value, path_name] + count_args)
        if kind == "list":
            element = shape["member"]["shape"]
            if model.has_checks(element):
                index, item = self.fresh("index"), self.fresh("element")
                lines.append(ipad + "for (%s, %s) in %s.enumerated() {" % (index, item, value))
                element_path = "ECRViolations.element(%s, %s)" % (path_name, index)
                lines += self.check(item, element, element_path, False, inner_indent + 4)
                lines.append(ipad + "}")
        else:
            key_shape, value_shape = shape["key"]["shape"], shape["value"]["shape"]
            if model.has_checks(key_shape) or model.has_checks(value_shape):
                key, item = self.fresh("key"), self.fresh("value")
                lines.append(ipad + "for (%s, %s) in %s.sorted(by: { $0.key < $1.key }) {" % (key, item, value))
                entry_path = "ECRViolations.member(%s, %s)" % (path_name, key)
                lines += self.check(key, key_shape, entry_path, False, inner_indent + 4)
                lines += self.check(item, value_shape, entry_path, False, inner_indent + 4)
                lines.append(ipad + "}")
        if optional:
            lines.append(pad + "}")
        return lines


def gen_validate(model, name, indent):
    shape = model.shapes[name]
    members = shape.get("members", {})
    required = set(shape.get("required", []))
    pad = " " * indent
    lines = [
        pad + "/// Appends every model-constraint violation of this value, naming members under `path`.",
        pad + "public func validate(at path: String, into violations: inout ECRViolations) {",
    ]
    writer = CheckWriter(model)
    body = []
    for member, spec in members.items():
        path = "ECRViolations.member(path, %s)" % swift_string(member)
        body += writer.check("self." + ident(member), spec["shape"], path, member not in required, indent + 4)
    lines += body
    lines.append(pad + "}")
    return lines


def gen_structure(model, name):
    shape = model.shapes[name]
    is_input = model.is_input(name)
    doc = summary(shape.get("documentation"), model.fallback_doc(name))
    conformance = "ECRInputShape" if is_input else "Codable, Sendable, Equatable"
    lines = doc_lines(doc, 4)
    lines.append("    public struct %s: %s {" % (name, conformance))
    lines += gen_member_decls(model, name, 8)
    if shape.get("members"):
        lines.append("")
    lines += gen_init(model, name, 8)
    empty = not shape.get("members")
    if is_input:
        if not empty:
            lines.append("")
            lines += gen_coding_keys(model, name, 8)
        lines.append("")
        lines += gen_decoder(model, name, 8)
        if empty:
            lines.append("")
            lines += gen_empty_encoder(8)
        lines.append("")
        lines += gen_validate(model, name, 8)
    elif empty:
        lines.append("")
        lines += [
            "        /// Decodes the value from any JSON object.",
            "        public init(from decoder: any Decoder) throws {",
            "            _ = try decoder.container(keyedBy: ECRAnyCodingKey.self)",
            "        }",
            "",
        ]
        lines += gen_empty_encoder(8)
    lines.append("    }")
    return lines


def gen_shape_files(model, version):
    files = {}
    for label, names in (("Input", [n for n in model.structures if model.is_input(n)]),
                         ("Output", [n for n in model.structures if not model.is_input(n)])):
        chunks = [names[i:i + SHAPES_PER_FILE] for i in range(0, len(names), SHAPES_PER_FILE)]
        for number, chunk in enumerate(chunks, 1):
            uses_data = any(model.uses_data(n) for n in chunk)
            imports = ["public import Foundation"] if uses_data else []
            lines = header(version, imports)
            lines.append("// %s shapes %s ... %s" % (label.lower(), chunk[0], chunk[-1]))
            lines.append("extension ECR {")
            for index, name in enumerate(chunk):
                if index:
                    lines.append("")
                lines += gen_structure(model, name)
            lines.append("}")
            files["ECR+%sShapes%02d.swift" % (label, number)] = lines
    return files


# ----------------------------------------------------------------------------------------------------------------
# Operations, errors, handler, dispatcher


def op_items(model):
    return sorted(model.operations.items())


def gen_namespace(model, version):
    meta = model.raw["metadata"]
    lines = header(version)
    lines += [
        "/// The shapes of the %s API (%s), one nested type per botocore structure shape."
        % (meta.get("serviceFullName", "Amazon ECR"), meta.get("apiVersion")),
        "///",
        "/// Input shapes (reachable from an operation's input) conform to `ECRInputShape`: required members are",
        "/// non-optional, decoding reports a missing one as `InvalidParameterException`, and `validate()` checks the",
        "/// model's length, range, pattern and enum constraints. Output-only shapes are plain `Codable` values whose",
        "/// `nil` members are left out of the JSON.",
        "public enum ECR {",
        "    /// The API version in the model's metadata.",
        "    public static let apiVersion = %s" % swift_string(meta["apiVersion"]),
        "",
        "    /// The `X-Amz-Target` prefix: a target is `<targetPrefix>.<OperationName>`.",
        "    public static let targetPrefix = %s" % swift_string(meta[TARGET_PREFIX_KEY]),
        "",
        "    /// The SigV4 signing name.",
        "    public static let signingName = %s" % swift_string(meta.get("signingName", "ecr")),
        "",
        "    /// The botocore version whose model generated these sources.",
        "    public static let modelSource = %s" % swift_string("botocore " + version),
        "}",
    ]
    return lines


def gen_operation_enum(model, version):
    lines = header(version)
    lines += ["/// Every operation of the ECR API; the raw value is the operation name used in `X-Amz-Target` and `Action`.",
              "public enum ECROperation: String, CaseIterable, Sendable {"]
    for index, (name, op) in enumerate(op_items(model)):
        if index:
            lines.append("")
        lines += doc_lines(summary(op.get("documentation"), "The %s operation." % name), 4)
        lines.append("    case %s = %s" % (ident(lower_camel(name)), swift_string(name)))
    lines += ["", "    /// The name of the operation's input shape (a type nested in `ECR`).",
              "    public var inputShapeName: String {", "        switch self {"]
    for name, op in op_items(model):
        lines.append("        case .%s: %s" % (lower_camel(name), swift_string(op["input"]["shape"])))
    lines += ["        }", "    }", "",
              "    /// The name of the operation's output shape (a type nested in `ECR`).",
              "    public var outputShapeName: String {", "        switch self {"]
    for name, op in op_items(model):
        lines.append("        case .%s: %s" % (lower_camel(name), swift_string(op["output"]["shape"])))
    lines += ["        }", "    }", "}"]
    return lines


def error_case(name):
    return lower_camel(name)


def gen_error_code_enum(model, version):
    entries = []
    for name in model.errors:
        shape = model.shapes[name]
        status = 500 if shape.get("fault") else shape.get("error", {}).get("httpStatusCode", 400)
        extras = [m for m in shape.get("members", {}) if m.lower() != "message"]
        entries.append((name, status, summary(shape.get("documentation"), "The %s error." % name), extras))
    for name, status, doc in PROTOCOL_ERRORS:
        entries.append((name, status, doc + " (AWS JSON protocol error.)", []))
    cases = [error_case(e[0]) for e in entries]
    if len(set(cases)) != len(cases):
        raise SystemExit("error case names collide")
    lines = header(version)
    lines += [
        "/// Every error code an ECR answer can carry: the %d error shapes of the model plus the protocol-level" % len(model.errors),
        "/// errors of AWS JSON 1.1 services. The raw value is the `__type` of the error body.",
        "public enum ECRErrorCode: String, CaseIterable, Sendable {",
    ]
    for index, (name, status, doc, extras) in enumerate(entries):
        if index:
            lines.append("")
        lines += doc_lines(doc, 4)
        lines.append("    case %s = %s" % (ident(error_case(name)), swift_string(name)))
    lines += ["", "    /// The HTTP status AWS answers with: 500 for server faults, 403 for missing authentication and",
              "    /// denied access, 400 for every other client error.", "    public var httpStatus: Int {",
              "        switch self {"]
    by_status = {}
    for name, status, _, _ in entries:
        by_status.setdefault(status, []).append(error_case(name))
    for status in sorted(by_status):
        if status == 400:
            continue
        lines.append("        case %s: %d" % (", ".join("." + c for c in by_status[status]), status))
    lines += ["        default: 400", "        }", "    }", "",
              "    /// The members the model defines for this error besides `message` (they travel as extra JSON fields).",
              "    public var modeledFields: [String] {", "        switch self {"]
    for name, _, _, extras in entries:
        if extras:
            lines.append("        case .%s: [%s]" % (error_case(name), ", ".join(swift_string(e) for e in extras)))
    lines += ["        default: []", "        }", "    }", "}"]
    return lines


def wrap_signature(prefix, name, op, indent, suffix):
    pad = " " * indent
    method = lower_camel(name)
    input_type = "ECR." + op["input"]["shape"]
    output_type = "ECR." + op["output"]["shape"]
    one = pad + "%sfunc %s(_ input: %s, context: ECRRequestContext) async throws(ECRError) -> %s%s" % (
        prefix, method, input_type, output_type, suffix)
    if len(one) <= LINE:
        return [one]
    return [
        pad + "%sfunc %s(" % (prefix, method),
        pad + "    _ input: %s," % input_type,
        pad + "    context: ECRRequestContext",
        pad + ") async throws(ECRError) -> %s%s" % (output_type, suffix),
    ]


def gen_handler_protocol(model, version):
    lines = header(version)
    lines += [
        "/// The ECR service as the dispatcher sees it: one method per operation, each taking the decoded and validated",
        "/// input and returning the output shape, or throwing an `ECRError` that becomes the `__type` error answer.",
        "///",
        "/// Every method has a default implementation (see `ECROperationHandler+Defaults1.swift` and `+Defaults2.swift`) that throws",
        "/// `UnknownOperationException` saying the operation is not supported yet, so a conformer implements only the",
        "/// operations it serves. `authorize` has no default: every conformer decides who may run what.",
        "public protocol ECROperationHandler: Sendable {",
        "    /// Decides whether the caller in `context` may run `operation` on `target`, throwing to refuse (e.g.",
        "    /// `AccessDeniedException`). The dispatcher calls it for every operation, after decoding and validating the",
        "    /// input and before running it.",
        "    func authorize(_ operation: ECROperation, target: ECRAccessTarget, context: ECRRequestContext) async throws(ECRError)",
        "",
    ]
    for index, (name, op) in enumerate(op_items(model)):
        if index:
            lines.append("")
        lines += doc_lines(summary(op.get("documentation"), "Performs %s." % name), 4)
        lines += wrap_signature("", name, op, 4, "")
    lines.append("}")
    return lines


def gen_handler_defaults(model, version, part, parts):
    """One of `parts` files of default implementations (operations split evenly, in model order)."""
    lines = header(version)
    lines += ["extension ECROperationHandler {"]
    items = list(op_items(model))
    size = (len(items) + parts - 1) // parts
    for index, (name, op) in enumerate(items[part * size:(part + 1) * size]):
        if index:
            lines.append("")
        lines.append("    /// Throws `UnknownOperationException`: %s is not supported by this server yet." % name)
        lines += wrap_signature("public ", name, op, 4, " {")
        lines.append("        throw ECRError.notSupported(.%s)" % lower_camel(name))
        lines.append("    }")
    lines.append("}")
    return lines


def access_target(model, shape_name):
    """The `ECRAccessTarget` expression for an operation input, from its members."""
    shape = model.shapes[shape_name]
    members = shape.get("members", {})
    required = set(shape.get("required", []))
    registry = "registryId" if "registryId" in members else "nil"
    if "repositoryName" in members and "repositoryName" in required:
        return ".repository(name: repositoryName, registryId: %s)" % registry
    if "resourceArn" in members and "resourceArn" in required:
        return ".resource(arn: resourceArn)"
    if "repositoryNames" in members:
        names = "repositoryNames" if "repositoryNames" in required else "repositoryNames ?? []"
        return ".repositories(names: %s, registryId: %s)" % (names, registry)
    return ".registry(registryId: %s)" % registry


def gen_access_targets(model, version):
    lines = header(version)
    lines += [
        "// What each operation acts on, read from its input (see `ECRAccessTarget`): the dispatcher authorizes every",
        "// call on it before the operation runs.",
    ]
    for name, op in op_items(model):
        shape_name = op["input"]["shape"]
        lines += [
            "",
            "extension ECR.%s: ECRAccessible {" % shape_name,
            "    /// What %s acts on." % name,
            "    public var accessTarget: ECRAccessTarget { %s }" % access_target(model, shape_name),
            "}",
        ]
    return lines


def gen_routes(model, version):
    lines = header(version)
    lines += [
        "extension ECRDispatcher {",
        "    /// Runs `operation` through `run`: decode and validate, authorize, call the handler method, encode the output.",
        "    static func route(",
        "        _ operation: ECROperation,",
        "        body: some ECRRequestBody,",
        "        call: ECRCall<some ECROperationHandler>",
        "    ) async throws(ECRError) -> [UInt8] {",
        "        switch operation {",
    ]
    for name, op in op_items(model):
        method = lower_camel(name)
        input_type = "ECR." + op["input"]["shape"]
        lines.append("        case .%s:" % method)
        line = "            return try await run(operation, body, call) { (input: %s) async throws(ECRError) in" % input_type
        if len(line) <= LINE:
            lines.append(line)
        else:
            lines.append("            return try await run(operation, body, call) {")
            lines.append("                (input: %s) async throws(ECRError) in" % input_type)
        lines.append("                try await call.handler.%s(input, context: call.context)" % method)
        lines.append("            }")
    lines += ["        }", "    }", "}"]
    return lines


# ----------------------------------------------------------------------------------------------------------------
# Tables: query-form schema, patterns, enum values


def gen_schema(model, version):
    lines = header(version)
    lines += [
        "/// The input side of the model as data, for the query form: each structure's members and their wire types",
        "/// in the compact notation `ECRWireType` parses (`s` string, `i` integer, `l` long, `b` boolean, `d` double,",
        "/// `t` timestamp, `x` blob, `[T]` list, `{T}` map with string keys, `@Name` structure).",
        "enum ECRSchema {",
        "    /// Input structure name -> its members as `member:type`, in model order.",
        "    static let structures: [String: [String]] = [",
    ]
    names = [n for n in model.structures if model.is_input(n)]
    for name in names:
        members = model.shapes[name].get("members", {})
        specs = [swift_string("%s:%s" % (m, model.wire_code(spec["shape"]))) for m, spec in members.items()]
        entry = "        %s: [%s]," % (swift_string(name), ", ".join(specs))
        if len(entry) <= LINE:
            lines.append(entry)
        else:
            lines.append("        %s: [" % swift_string(name))
            lines += ["            %s," % spec for spec in specs]
            lines.append("        ],")
    lines += ["    ]", "}"]
    return lines


def gen_patterns(model, version):
    patterns = model.patterns()
    lines = header(version)
    lines += ["extension ECRPattern {"]
    for pattern, name in sorted(patterns.items(), key=lambda item: item[1]):
        source = PATTERN_FIXUPS.get(pattern, pattern)
        users = sorted(n for n, s in model.shapes.items() if s.get("pattern") == pattern)
        lines += doc_lines("The pattern of %s." % ", ".join("`%s`" % u for u in users), 4)
        literal = '#"%s"#' % source
        if '"#' in source:
            raise SystemExit("pattern needs another raw-string delimiter: %s" % source)
        line = "    public static let %s = ECRPattern(%s)" % (name, literal)
        if len(line) > LINE:
            lines.append("    public static let %s = ECRPattern(" % name)
            lines.append("        %s" % literal)
            lines.append("    )")
        else:
            lines.append(line)
        lines.append("")
    lines += ["    /// Every pattern of the model, once each.",
              "    public static let all: [ECRPattern] = [",
              "        " + ", ".join("%s" % n for _, n in sorted(patterns.items(), key=lambda item: item[1])) + ",",
              "    ]", "}"]
    # wrap the `all` list if needed
    out = []
    for line in lines:
        if len(line) > LINE and line.startswith("        ") and line.rstrip().endswith(","):
            names = [p.strip() for p in line.strip().rstrip(",").split(",")]
            for name in names:
                out.append("        %s," % name)
        else:
            out.append(line)
    return out


def gen_enum_values(model, version):
    lines = header(version)
    lines += ["/// The allowed values of every enum string shape of the model (in model order).",
              "public enum ECREnumValues {"]
    for index, name in enumerate(model.enums()):
        if index:
            lines.append("")
        values = model.shapes[name]["enum"]
        lines.append("    /// The values of `%s`." % name)
        line = "    public static let %s: [String] = [%s]" % (lower_camel(name), ", ".join(swift_string(v) for v in values))
        if len(line) <= LINE:
            lines.append(line)
        else:
            lines.append("    public static let %s: [String] = [" % lower_camel(name))
            for value in values:
                lines.append("        %s," % swift_string(value))
            lines.append("    ]")
    lines.append("}")
    return lines


# ----------------------------------------------------------------------------------------------------------------


def render(model, version):
    files = {
        "ECR.swift": gen_namespace(model, version),
        "ECROperation.swift": gen_operation_enum(model, version),
        "ECRErrorCode.swift": gen_error_code_enum(model, version),
        "ECROperationHandler.swift": gen_handler_protocol(model, version),
        "ECROperationHandler+Defaults1.swift": gen_handler_defaults(model, version, 0, 2),
        "ECROperationHandler+Defaults2.swift": gen_handler_defaults(model, version, 1, 2),
        "ECRDispatcher+Routes.swift": gen_routes(model, version),
        "ECR+AccessTargets.swift": gen_access_targets(model, version),
        "ECRSchema.swift": gen_schema(model, version),
        "ECRPattern+Model.swift": gen_patterns(model, version),
        "ECREnumValues.swift": gen_enum_values(model, version),
    }
    files.update(gen_shape_files(model, version))
    return {name: "\n".join(lines) + "\n" for name, lines in files.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="a raw service-2.json (default: the ECR model of the installed botocore)")
    parser.add_argument("--out", default=OUT_DIR, help="output directory (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="only compare with the files on disk")
    args = parser.parse_args()

    raw, version = load_model(args.model)
    model = Model(raw)
    files = render(model, version)

    if args.check:
        stale = []
        existing = set(f for f in os.listdir(args.out) if f.endswith(".swift")) if os.path.isdir(args.out) else set()
        for name, text in files.items():
            path = os.path.join(args.out, name)
            if not os.path.exists(path) or open(path).read() != text:
                stale.append(name)
        stale += sorted(existing - set(files))
        if stale:
            print("out of date: " + ", ".join(sorted(stale)))
            return 1
        print("up to date (%d files)" % len(files))
        return 0

    os.makedirs(args.out, exist_ok=True)
    for name in os.listdir(args.out):
        if name.endswith(".swift") and name not in files:
            os.remove(os.path.join(args.out, name))
    for name, text in files.items():
        with open(os.path.join(args.out, name), "w") as handle:
            handle.write(text)
    longest = max(len(line) for text in files.values() for line in text.splitlines())
    print("wrote %d files to %s (%d operations, %d structures, %d errors; longest line %d)" % (
        len(files), os.path.relpath(args.out, ROOT), len(model.operations), len(model.structures), len(model.errors),
        longest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
