#include "app/usage.hpp"

#include <regex>
#include <sstream>

#include "core/suggest.hpp"
#include "core/text.hpp"

namespace qkv::app {

namespace {

// "a, b or c".
std::string or_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
  return out;
}

// The subcommand chain the parse reached: root, then each selected subcommand.
const CLI::App* innermost(const CLI::App* root) {
  const CLI::App* at = root;
  for (auto subs = at->get_subcommands(); !subs.empty(); subs = at->get_subcommands())
    at = subs.back();
  return at;
}

// The arguments no option or subcommand took, from the innermost command outwards.
std::vector<std::string> left_over(const CLI::App* root) {
  std::vector<const CLI::App*> chain{root};
  while (!chain.back()->get_subcommands().empty())
    chain.push_back(chain.back()->get_subcommands().back());
  std::vector<std::string> out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    for (const auto& a : (*it)->remaining(false)) out.push_back(a);
  return out;
}

// The --long and -s names of `app`'s options.
std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::Option* o : app.get_options()) {
    for (const auto& l : o->get_lnames()) out.push_back("--" + l);
    for (const auto& s : o->get_snames()) out.push_back("-" + s);
  }
  return out;
}

std::string quoted(const std::string& text) {
  return "'" + sanitize_line(text) + "'";
}

// The error itself, without the prefix and the pointer to --help.
std::string what_was_wrong(const CLI::App* at, const CLI::Error& e,
                           const std::vector<std::string>& left) {
  const std::string path = command_path(*at);
  const std::vector<std::string> subs = subcommand_names(*at);
  const bool needs_subcommand = !subs.empty() && at->get_subcommands().empty();
  const std::string first = left.empty() ? std::string() : left.front();
  // By type: CLI11 2.1 names an ExtrasError after the command it happened in, not its class.
  const bool extras = dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr;
  const bool required = dynamic_cast<const CLI::RequiredError*>(&e) != nullptr;

  if ((extras || required) && needs_subcommand &&
      !first.empty() && first[0] != '-') {
    std::string m = (at->get_parent() ? path + " has no command " : "there is no command ") +
                    quoted(first);
    if (const auto hint = did_you_mean(first, subs); !hint.empty()) m += "; " + hint;
    return m + "\nThe commands are: " + or_list(subs) + ".";
  }
  if (required && needs_subcommand)
    return path + " needs a command: " + or_list(subs) + ".";
  if (extras && !first.empty() && first[0] == '-' && first.size() > 1) {
    const std::string option = first.substr(0, first.find('='));
    std::string m = path + " has no option " + quoted(option);
    if (const auto hint = did_you_mean(option, option_names(*at)); !hint.empty())
      m += "; " + hint;
    return m;
  }
  if (extras && !first.empty()) {
    const bool takes_arguments = [&] {
      for (const CLI::Option* o : at->get_options())
        if (o->get_lnames().empty() && o->get_snames().empty()) return true;
      return false;
    }();
    std::string m = path + (takes_arguments ? " got one argument too many: "
                                            : " takes no arguments, and was given ") +
                    quoted(first);
    if (!subs.empty()) m += "\nThe commands are: " + or_list(subs) + ".";
    return m;
  }
  // Validation, conversion, a missing value or option: CLI11's text names the option and our
  // validators say what is allowed; CLI::IsMember's "--color: blue not in {auto,always,never}"
  // is said as ours are.
  const std::string text = e.what();
  static const std::regex not_in(R"(^(-[^:]*): (.*) not in \{([^}]*)\}$)");
  if (std::smatch m; std::regex_match(text, m, not_in)) {
    std::vector<std::string> allowed;
    std::stringstream list(m[3].str());
    for (std::string a; std::getline(list, a, ',');) allowed.push_back(a);
    std::string out = m[1].str() + ": must be " + or_list(allowed) + ", not " + quoted(m[2].str());
    if (const auto hint = did_you_mean(m[2].str(), allowed); !hint.empty())
      out += " (" + hint + ")";
    return out;
  }
  // "-n: 1 required UINT:a whole number from 0 to 1000000 missing".
  static const std::regex missing(R"(^(-[^:]*): [0-9]+ required ([A-Z]+)(:(.*))? missing$)");
  if (std::smatch m; std::regex_match(text, m, missing))
    return m[1].str() + " needs a value" + (m[4].matched ? ": " + m[4].str() : "");
  return sanitize_block(text);
}

}  // namespace

std::vector<std::string> subcommand_names(const CLI::App& app) {
  std::vector<std::string> out;
  for (const CLI::App* s : app.get_subcommands([](const CLI::App*) { return true; }))
    if (!s->get_group().empty()) out.push_back(s->get_name());
  return out;
}

std::string command_path(const CLI::App& app) {
  std::string path = app.get_name();
  for (const CLI::App* p = app.get_parent(); p; p = p->get_parent())
    path = p->get_name() + " " + path;
  return path;
}

std::string usage_error_message(const CLI::App* root, const CLI::Error& e) {
  const CLI::App* at = innermost(root);
  const std::string path = command_path(*at);
  std::string help = path + " --help";
  if (at->get_parent()) help += "' or 'qkv help " + path.substr(root->get_name().size() + 1);
  return "qkv: error: " + what_was_wrong(at, e, left_over(root)) + "\nRun '" + help +
         "' for what it accepts.\n";
}

}  // namespace qkv::app
