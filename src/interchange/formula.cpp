#include "interchange/formula.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace qkv::interchange {

namespace {

class Parser {
 public:
  Parser(std::string_view s, const std::map<std::string, double>& v) : s_(s), values_(v) {}

  std::optional<double> run(std::string* why) {
    double v = expr();
    skip();
    if (error_.empty() && pos_ != s_.size())
      error_ = "unexpected '" + std::string(1, s_[pos_]) + "'";
    if (error_.empty() && !std::isfinite(v)) error_ = "the result is not a finite number";
    if (!error_.empty()) {
      if (why) *why = error_;
      return std::nullopt;
    }
    return v;
  }

 private:
  std::string_view s_;
  const std::map<std::string, double>& values_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::string error_;

  void skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool eat(char c) {
    skip();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  double fail(std::string m) {
    if (error_.empty()) error_ = std::move(m);
    pos_ = s_.size();
    return 0;
  }

  double expr() {
    if (++depth_ > 64) return fail("the formula is nested too deeply");
    double v = term();
    for (;;) {
      if (eat('+'))
        v += term();
      else if (eat('-'))
        v -= term();
      else
        break;
    }
    --depth_;
    return v;
  }
  double term() {
    double v = power();
    for (;;) {
      skip();
      if (pos_ + 1 < s_.size() && s_[pos_] == '*' && s_[pos_ + 1] == '*') break;
      if (eat('*'))
        v *= power();
      else if (eat('/'))
        v /= power();
      else if (eat('%'))
        v = std::fmod(v, power());
      else
        break;
    }
    return v;
  }
  double power() {
    const double base = unary();
    skip();
    const bool stars = pos_ + 1 < s_.size() && s_[pos_] == '*' && s_[pos_ + 1] == '*';
    if (stars) pos_ += 2;
    if (!stars && !eat('^')) return base;
    if (++depth_ > 64) return fail("the formula is nested too deeply");
    const double v = std::pow(base, power());
    --depth_;
    return v;
  }
  double unary() {
    if (eat('-')) {
      if (++depth_ > 64) return fail("the formula is nested too deeply");
      const double v = -unary();
      --depth_;
      return v;
    }
    if (eat('+')) return unary();
    return primary();
  }
  std::vector<double> arguments() {
    std::vector<double> args;
    if (!eat('(')) {
      fail("a function needs (arguments)");
      return args;
    }
    if (eat(')')) return args;
    do {
      args.push_back(expr());
    } while (eat(','));
    if (!eat(')')) fail("a ')' is missing");
    return args;
  }
  double primary() {
    skip();
    if (pos_ >= s_.size()) return fail("the formula ends too early");
    const char c = s_[pos_];
    if (c == '(') {
      ++pos_;
      const double v = expr();
      if (!eat(')')) return fail("a ')' is missing");
      return v;
    }
    if (c == '{') {
      const std::size_t end = s_.find('}', pos_);
      if (end == std::string_view::npos) return fail("a '{' is not closed");
      const std::string name(s_.substr(pos_ + 1, end - pos_ - 1));
      pos_ = end + 1;
      const auto it = values_.find(name);
      if (it == values_.end()) return fail("the wildcard {" + name + "} has no value");
      return it->second;
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      const std::string rest(s_.substr(pos_, 64));
      char* end = nullptr;
      const double v = std::strtod(rest.c_str(), &end);
      if (end == rest.c_str()) return fail("a number cannot be read");
      pos_ += static_cast<std::size_t>(end - rest.c_str());
      return v;
    }
    if (std::isalpha(static_cast<unsigned char>(c))) {
      std::string name;
      while (pos_ < s_.size() &&
             (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_'))
        name += s_[pos_++];
      const auto a = arguments();
      if (!error_.empty()) return 0;
      auto need = [&](std::size_t n) {
        if (a.size() != n) fail(name + "() takes " + std::to_string(n) + " argument(s)");
        return a.size() == n;
      };
      using F = double (*)(double);
      static const std::map<std::string, F> one = {
          {"abs", [](double x) { return std::fabs(x); }},
          {"sqrt", [](double x) { return std::sqrt(x); }},
          {"exp", [](double x) { return std::exp(x); }},
          {"log10", [](double x) { return std::log10(x); }},
          {"sin", [](double x) { return std::sin(x); }},
          {"cos", [](double x) { return std::cos(x); }},
          {"tan", [](double x) { return std::tan(x); }},
          {"asin", [](double x) { return std::asin(x); }},
          {"acos", [](double x) { return std::acos(x); }},
          {"atan", [](double x) { return std::atan(x); }},
          {"sinh", [](double x) { return std::sinh(x); }},
          {"cosh", [](double x) { return std::cosh(x); }},
          {"tanh", [](double x) { return std::tanh(x); }},
          {"floor", [](double x) { return std::floor(x); }},
          {"ceil", [](double x) { return std::ceil(x); }},
          {"round", [](double x) { return std::round(x); }},
      };
      if (name == "pi") return need(0) ? M_PI : 0;
      if (auto it = one.find(name); it != one.end()) return need(1) ? it->second(a[0]) : 0;
      if (name == "log") {
        if (a.size() == 1) return std::log(a[0]);
        if (a.size() == 2) return std::log(a[0]) / std::log(a[1]);
        return fail("log() takes 1 or 2 arguments");
      }
      if (name == "pow") return need(2) ? std::pow(a[0], a[1]) : 0;
      if (name == "atan2") return need(2) ? std::atan2(a[0], a[1]) : 0;
      if (name == "fmod") return need(2) ? std::fmod(a[0], a[1]) : 0;
      if (name == "min" || name == "max") {
        if (a.empty()) return fail(name + "() needs arguments");
        double v = a[0];
        for (double x : a) v = name == "min" ? std::min(v, x) : std::max(v, x);
        return v;
      }
      return fail("unknown function " + name + "()");
    }
    return fail("unexpected '" + std::string(1, c) + "'");
  }
};

}  // namespace

std::optional<double> evaluate_formula(std::string_view formula,
                                       const std::map<std::string, double>& values,
                                       std::string* why) {
  return Parser(formula, values).run(why);
}

}  // namespace qkv::interchange
