#include "common.hpp"

#include "carecast/text_table.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
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

std::string line_of(std::string_view name, const std::string& description)
{
  std::string text = wrapped(description, k_name_width, k_name_width);
  text.replace(2, name.size(), name);
  return text;
}

bool listed(std::string_view name)
{
  return std::ranges::any_of(
    tasks(), [&](const Task& task) { return std::ranges::count(task.commands, name) > 0; });
}

} // namespace

std::string overview(const CLI::App& app)
{
  std::string text =
    fmt::format("{}\n\nUsage: carecast COMMAND [OPTIONS]\n", app.get_description());
  for (const Task& task : tasks()) {
    text += fmt::format("\n{}:\n", task.name);
    for (const std::string_view name : task.commands) {
      text += line_of(name, app.get_subcommand(std::string(name))->get_description());
    }
  }
  std::string others;
  for (const CLI::App* command : app.get_subcommands({})) {
    if (!command->get_group().empty() && !listed(command->get_name())) {
      others += line_of(command->get_name(), command->get_description());
    }
  }
  if (!others.empty()) {
    text += "\nOther:\n" + others;
  }
  return text + "\nRun 'carecast help COMMAND' for a command's options.\n";
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
  if (dynamic_cast<const CLI::ExtrasError*>(&failure) == nullptr) {
    return fmt::format("{} ({} --help)", failure.what(), name);
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
