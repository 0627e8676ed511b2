#include "common.hpp"

#include "carecast/text_table.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <memory>
#include <sstream>
#include <string_view>

namespace carecast::cli {
namespace {

// The subcommands by task, in the order a finance officer meets them.
struct Task
{
  std::string_view name;
  std::vector<std::string_view> commands;
};

const std::array<Task, 6>& tasks()
{
  static const std::array<Task, 6> k_tasks{{
    {"Forecast", {"compare", "run", "summary", "diff"}},
    {"Monitor", {"outturn", "backtest"}},
    {"Explain", {"explain", "params"}},
    {"Uncertainty", {"simulate", "sensitivity", "sobol"}},
    {"Data", {"init", "calibrate"}},
    {"CI", {"validate", "batch", "completion"}},
  }};
  return k_tasks;
}

// The subcommand's one line: its name, then its description wrapped beside it.
constexpr std::size_t k_name_width = 15;

std::string line_of(std::string_view name, const std::string& description, std::size_t width)
{
  std::string text = wrapped(description, k_name_width, k_name_width, width);
  text.replace(2, name.size(), name);
  return text;
}

// Lines of at most `width` columns joined by newlines, with no newline at the end.
std::string joined_lines(const std::string& text, std::size_t first, std::size_t rest,
                         std::size_t width)
{
  std::string lines = wrapped(text, first, rest, width);
  lines.pop_back();
  return lines;
}

// A line of a --help footer: a heading, or an indented example command, which goes on
// after a backslash when it is too long, as a shell reads it.
std::string footer_line(const std::string& line, std::size_t width)
{
  constexpr std::size_t k_indent = 2;
  constexpr std::string_view k_more = " \\";
  if (display_width(line) <= width || !line.starts_with("  ")) {
    return line;
  }
  std::string text = joined_lines(line.substr(k_indent), k_indent, 2 * k_indent,
                                  width - std::min(width, k_more.size()));
  for (std::size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', end)) {
    text.insert(end, k_more);
    end += k_more.size() + 1;
  }
  return text;
}

class HelpFormatter : public CLI::Formatter
{
public:
  explicit HelpFormatter(std::size_t width) : m_width(width) {}

  std::string make_description(const CLI::App* app) const override
  {
    std::string description = CLI::Formatter::make_description(app);
    if (description.ends_with('\n')) {
      description.pop_back();
    }
    return description.empty() ? description : wrapped(description, 0, 0, m_width);
  }

  std::string make_option_desc(const CLI::Option* option) const override
  {
    const std::size_t room = m_width - std::min(m_width, column_width_ + 1);
    return joined_lines(CLI::Formatter::make_option_desc(option), 0, 0, room);
  }

  std::string make_footer(const CLI::App* app) const override
  {
    std::string footer;
    std::string line;
    for (std::istringstream lines(app->get_footer()); std::getline(lines, line);) {
      footer += footer_line(line, m_width) + "\n";
    }
    return footer;
  }

private:
  std::size_t m_width;
};

bool listed(std::string_view name)
{
  return std::ranges::any_of(
    tasks(), [&](const Task& task) { return std::ranges::count(task.commands, name) > 0; });
}

} // namespace

std::string overview(const CLI::App& app, std::size_t width)
{
  std::string text =
    wrapped(app.get_description(), 0, 0, width) + "\nUsage: carecast COMMAND [OPTIONS]\n";
  for (const Task& task : tasks()) {
    text += fmt::format("\n{}:\n", task.name);
    for (const std::string_view name : task.commands) {
      text += line_of(name, app.get_subcommand(std::string(name))->get_description(), width);
    }
  }
  std::string others;
  for (const CLI::App* command : app.get_subcommands({})) {
    if (!command->get_group().empty() && !listed(command->get_name())) {
      others += line_of(command->get_name(), command->get_description(), width);
    }
  }
  if (!others.empty()) {
    text += "\nOther:\n" + others;
  }
  return text + "\nRun 'carecast help COMMAND' for a command's options.\n";
}

std::shared_ptr<CLI::Formatter> help_formatter(std::size_t width)
{
  return std::make_shared<HelpFormatter>(width);
}

std::string usage_problem(const CLI::App& app, const CLI::ParseError& failure)
{
  const CLI::App* command = &app;
  for (const CLI::App* subcommand : app.get_subcommands({})) {
    if (subcommand->parsed()) {
      command = subcommand;
    }
  }
  const std::string name =
    command == &app ? "carecast" : fmt::format("carecast {}", command->get_name());
  if (command == &app && dynamic_cast<const CLI::RequiredError*>(&failure) != nullptr) {
    return "a command is required (carecast help lists them)";
  }
  const std::string what = failure.what();
  // CLI11's "--draws: 1 required INT:INT in [2 - 10000000] missing" for a flag given
  // without its value.
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&failure) != nullptr && what.ends_with(" missing")
      && what.starts_with("-")) {
    return fmt::format("{} needs a value ({} --help)", what.substr(0, what.find(':')), name);
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&failure) == nullptr) {
    return fmt::format("{} ({} --help)", what, name);
  }
  const std::vector<std::string> extras = command->remaining();
  const auto flag = std::ranges::find_if(
    extras, [](const std::string& word) { return word.size() > 1 && word[0] == '-'; });
  if (flag == extras.end()) {
    return fmt::format("unexpected argument '{}' ({} --help)", extras.empty() ? "" : extras.front(),
                       name);
  }
  std::vector<std::string> flags;
  for (const CLI::App* owner : {command, &app}) {
    for (const CLI::Option* option : owner->get_options()) {
      for (const std::string& long_name : option->get_lnames()) {
        flags.push_back("--" + long_name);
      }
      for (const std::string& short_name : option->get_snames()) {
        flags.push_back("-" + short_name);
      }
    }
  }
  const std::string word = flag->substr(0, flag->find('='));
  return fmt::format("unknown flag '{}' for '{}'{} ({} --help lists its flags)", word, name,
                     did_you_mean(word, flags), name);
}

} // namespace carecast::cli
