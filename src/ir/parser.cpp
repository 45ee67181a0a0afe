#include "ir/parser.h"

#include <charconv>
#include <unordered_map>

#include "ir/op_resolution.h"
#include "ir/parser_values.h"

namespace wick::jit {

namespace {

bool allDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

std::string_view trimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

struct OutputSpec {
  std::string name;
  size_t at;
  TypePtr type;  // null when the text gives none
};

class GraphParser {
 public:
  GraphParser(std::string_view text, const ParseOptions& options)
      : c_(text), options_(options), names_(options.resolve_type), g_(std::make_shared<Graph>()) {}

  std::shared_ptr<Graph> parse() {
    reserveNumberedIds();
    c_.skipWhitespace();
    c_.expect("graph(");
    c_.skipWhitespace();
    while (!c_.tryConsume(")")) {
      if (!g_->inputs().empty()) {
        c_.expect(",");
        c_.skipWhitespace();
      }
      readParam(g_->block());
      c_.skipWhitespace();
    }
    c_.expect(":");
    readNodes(g_->block(), "return");
    c_.expect("return");
    c_.skipSpaces();
    for (Value* v : readValueList()) g_->registerOutput(v);
    c_.skipWhitespace();
    if (!c_.eof()) c_.fail("unexpected text after the graph's return: " + c_.found());
    return g_;
  }

  TypePtr parseTypeOnly() {
    c_.skipWhitespace();
    TypePtr t = readGraphType(c_, names_);
    c_.skipWhitespace();
    if (!c_.eof()) c_.fail("unexpected text after the type: " + c_.found());
    return t;
  }

 private:
  // Numbered values keep their numbers; later values must not take them.
  void reserveNumberedIds() {
    std::string_view t = c_.text();
    size_t max_plus_one = 0;
    for (size_t p = t.find('%'); p != std::string_view::npos; p = t.find('%', p + 1)) {
      size_t e = p + 1;
      while (e < t.size() && TextCursor::isIdentChar(t[e])) ++e;
      std::string_view name = t.substr(p + 1, e - p - 1);
      if (allDigits(name) && (e >= t.size() || t[e] != '.') && name.size() < 19) {
        max_plus_one = std::max<size_t>(max_plus_one, std::stoull(std::string(name)) + 1);
      }
    }
    g_->reserveUniques(max_plus_one);
  }

  std::string readValueName() {
    c_.expect("%");
    std::string_view name = c_.ident(".");
    if (name.empty()) c_.fail("expected a value name after '%'");
    return std::string(name);
  }

  void define(Value* v, const std::string& name, size_t at) {
    if (!values_.emplace(name, v).second) c_.failAt(at, "value %" + name + " is defined twice");
    if (allDigits(name)) {
      size_t id = 0;
      auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), id);
      if (ec != std::errc()) c_.failAt(at, "value number %" + name + " is too large");
      g_->setValueUnique(v, id);
    } else {
      v->setDebugName(name);
    }
  }

  Value* lookup(const std::string& name, size_t at) {
    auto it = values_.find(name);
    if (it == values_.end()) c_.failAt(at, "value %" + name + " is used before it is defined");
    return it->second;
  }

  void readParam(Block* b) {
    size_t at = c_.pos();
    std::string name = readValueName();
    c_.skipSpaces();
    c_.expect(":");
    c_.skipSpaces();
    Value* v = b->addInput();
    v->setType(readGraphType(c_, names_));
    define(v, name, at);
  }

  std::vector<Value*> readValueList() {
    c_.expect("(");
    std::vector<Value*> out;
    c_.skipSpaces();
    while (!c_.tryConsume(")")) {
      if (!out.empty()) {
        c_.expect(",");
        c_.skipSpaces();
      }
      size_t at = c_.pos();
      out.push_back(lookup(readValueName(), at));
      c_.skipSpaces();
    }
    return out;
  }

  void readNodes(Block* b, std::string_view end) {
    while (true) {
      c_.skipWhitespace();
      if (c_.startsWith(end)) return;
      if (c_.peek() != '%' && c_.peek() != '=')
        c_.fail("expected a node or '" + std::string(end) + "' but found " + c_.found());
      readNode(b);
    }
  }

  std::vector<OutputSpec> readOutputs() {
    std::vector<OutputSpec> outs;
    while (c_.peek() == '%') {
      OutputSpec o;
      o.at = c_.pos();
      o.name = readValueName();
      c_.skipSpaces();
      if (c_.tryConsume(":")) {
        c_.skipSpaces();
        o.type = readGraphType(c_, names_);
        c_.skipSpaces();
      }
      outs.push_back(std::move(o));
      if (!c_.tryConsume(",")) break;
      c_.skipSpaces();
    }
    return outs;
  }

  void readAttributes(Node* n, const std::vector<OutputSpec>& outs) {
    if (!c_.tryConsume("[")) return;
    while (!c_.tryConsume("]")) {
      if (!n->attributes().empty()) {
        c_.expect(",");
        c_.skipSpaces();
      }
      size_t at = c_.pos();
      std::string name(c_.ident());
      if (name.empty()) c_.fail("expected an attribute name but found " + c_.found());
      c_.expect("=");
      if (n->kind() == prim::kisinstance && name == "types") {
        if (n->hasAttribute(name)) c_.failAt(at, "attribute '" + name + "' is given twice");
        n->setAttr(name, readTypeNameList());
        continue;
      }
      TypePtr type;
      if (n->kind() == prim::kConstant && name == "value" && outs.size() == 1) type = outs[0].type;
      bool tensor = type && type->kind() == TypeKind::Tensor;
      size_t value_at = c_.pos();
      Literal lit = readLiteral(c_, tensor ? type : nullptr);
      if (n->hasAttribute(name)) c_.failAt(at, "attribute '" + name + "' is given twice");
      n->setAttr(name, literalToIValue(lit, type, c_, value_at));
    }
  }

  // prim::isinstance's types=[int, List[int], Tuple[int, str]]: type names, printed bare.
  IValue readTypeNameList() {
    c_.skipSpaces();
    c_.expect("[");
    std::vector<IValue> names;
    std::string current;
    int depth = 0;
    while (true) {
      if (c_.eof()) c_.fail("unterminated types=[...] list");
      char ch = c_.peek();
      c_.setPos(c_.pos() + 1);
      if (depth == 0 && (ch == ',' || ch == ']')) {
        size_t b = current.find_first_not_of(' '), e = current.find_last_not_of(' ');
        if (b == std::string::npos) {
          if (ch == ']' && names.empty()) break;
          c_.fail("expected a type name in types=[...]");
        }
        names.emplace_back(current.substr(b, e - b + 1));
        current.clear();
        if (ch == ']') break;
        continue;
      }
      if (ch == '[' || ch == '(') ++depth;
      if (ch == ']' || ch == ')') --depth;
      current += ch;
    }
    return IValue(makeList(StringType::get(), std::move(names)));
  }

  void readTrailer(Node* n) {
    c_.skipSpaces();
    if (c_.tryConsume(",")) {
      c_.skipSpaces();
      c_.expect("scope:");
      c_.skipSpaces();
      size_t start = c_.pos();
      std::string_view line = c_.restOfLine();
      size_t hash = line.find(" #");
      if (hash != std::string_view::npos) {
        c_.setPos(start + hash + 1);
        line = line.substr(0, hash);
      }
      n->setScope(std::string(trimRight(line)));
    }
    c_.skipSpaces();
    if (c_.tryConsume("#")) {
      c_.skipSpaces();
      n->setSourceRange(std::string(trimRight(c_.restOfLine())));
    }
  }

  void readNode(Block* b) {
    size_t line_at = c_.pos();
    std::vector<OutputSpec> outs = readOutputs();
    c_.expect("=");
    c_.skipSpaces();
    size_t kind_at = c_.pos();
    std::string ns(c_.ident());
    if (ns.empty() || !c_.tryConsume("::"))
      c_.failAt(kind_at, "expected a node kind such as aten::add");
    std::string kind_name(c_.ident());
    if (kind_name.empty()) c_.failAt(kind_at, "expected a node kind such as aten::add");
    Node* n = g_->create(Symbol::fromQualString(ns + "::" + kind_name), outs.size());
    b->appendNode(n);
    readAttributes(n, outs);
    for (Value* v : readValueList()) n->addInput(v);
    readTrailer(n);
    std::vector<TypePtr> declared;
    for (const auto& o : outs) declared.push_back(o.type);
    resolve(n, line_at, declared);
    for (size_t i = 0; i < outs.size(); ++i) {
      n->output(i)->setType(outs[i].type ? outs[i].type : defaultOutputType(n, i));
      define(n->output(i), outs[i].name, outs[i].at);
    }
    learnAttribute(n);
    readBlocks(n);
  }

  void resolve(Node* n, size_t at, const std::vector<TypePtr>& declared_outputs) {
    if (isStructuralPrim(n->kind())) return;
    std::vector<TypePtr> types;
    for (Value* v : n->inputs()) types.push_back(v->type());
    std::string why;
    const OpInfo* op = findOverload(n->kind(), types, n->outputs().size(), &why, &declared_outputs);
    if (op) {
      n->setOp(op);
    } else if (!options_.allow_unresolved_ops) {
      c_.failAt(at, why);
    }
  }

  TypePtr defaultOutputType(Node* n, size_t i) {
    if (n->kind() == prim::kConstant) {
      const IValue* v = n->findAttr("value");
      return v ? v->type() : NoneType::get();
    }
    if (const OpInfo* op = n->op(); op && i < op->schema.returns.size()) {
      TypeBindings bindings;
      for (size_t k = 0; k < op->schema.arguments.size(); ++k)
        schemaTypeAccepts(op->schema.arguments[k].type, n->input(k)->type(), bindings);
      return substituteTypeVars(op->schema.returns[i].type, bindings);
    }
    return TensorType::get();
  }

  // Placeholder classes learn their attributes from the graph's reads of them.
  void learnAttribute(Node* n) {
    if (n->kind() != prim::kGetAttr || n->inputs().size() != 1 || n->outputs().size() != 1) return;
    const IValue* name = n->findAttr("name");
    TypePtr t = n->input(0)->type();
    if (!name || !name->isString() || !names_.isPlaceholder(*t)) return;
    auto& cls = static_cast<ClassType&>(*t);
    if (!cls.hasAttribute(name->toStringRef()))
      cls.addAttribute(name->toStringRef(), n->output()->type());
  }

  void readBlocks(Node* n) {
    while (true) {
      size_t save = c_.pos();
      c_.skipWhitespace();
      if (!c_.tryConsume("block")) {
        c_.setPos(save);
        return;
      }
      size_t at = c_.pos();
      std::string index(c_.ident());
      if (index != std::to_string(n->blocks().size()))
        c_.failAt(at, "expected block" + std::to_string(n->blocks().size()));
      Block* b = n->addBlock();
      c_.expect("(");
      c_.skipSpaces();
      while (!c_.tryConsume(")")) {
        if (!b->inputs().empty()) {
          c_.expect(",");
          c_.skipSpaces();
        }
        readParam(b);
        c_.skipSpaces();
      }
      c_.expect(":");
      readNodes(b, "->");
      c_.expect("->");
      c_.skipSpaces();
      for (Value* v : readValueList()) b->registerOutput(v);
    }
  }

  TextCursor c_;
  const ParseOptions& options_;
  TypeNames names_;
  std::shared_ptr<Graph> g_;
  std::unordered_map<std::string, Value*> values_;
};

}  // namespace

std::shared_ptr<Graph> parseGraph(std::string_view text, const ParseOptions& options) {
  return GraphParser(text, options).parse();
}

TypePtr parseGraphType(std::string_view text, const ParseOptions& options) {
  return GraphParser(text, options).parseTypeOnly();
}

}  // namespace wick::jit
