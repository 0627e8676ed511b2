// libFuzzer target: arbitrary bytes given as the value of each kind of numeric flag the
// commands have (a range of numbers, one below its top, a share with its fraction's
// example, any finite number, whole numbers of each stored type, the seed's 0 to
// 2^64 - 1), as the command line gives it to CLI11. Besides a crash or a sanitizer
// report, a finding is a broken promise of number_flag.hpp: a value accepted that is not
// finite or is outside the flag's range, or is stored as another number; a refusal that
// does not name the flag, carries a control character or breaks UTF-8; a "did you
// mean" that the flag would refuse too.

#include "common.hpp"

#include "carecast/windows_1252.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

using carecast::cli::NumberRange;
using carecast::cli::UsageError;
using carecast::cli::WholeRange;

void require(bool holds, const char* promise)
{
  if (!holds) {
    std::fprintf(stderr, "number_flag_fuzz: broken promise: %s\n", promise);
    std::abort();
  }
}

bool in_range(double value, const NumberRange& range)
{
  return std::isfinite(value) && value >= range.low
         && (range.below_high ? value < range.high : value <= range.high);
}

template <typename T>
bool in_range(T value, const WholeRange<T>& range)
{
  return value >= range.low && value <= range.high;
}

double read(const std::string& flag, const std::string& text, const NumberRange& range)
{
  return carecast::cli::parse_number(flag, text, range);
}

template <typename T>
T read(const std::string& flag, const std::string& text, const WholeRange<T>& range)
{
  return carecast::cli::parse_whole(flag, text, range);
}

// A refusal names the flag and what it takes; what it quotes of the value is shown
// as it would be on a terminal, and is UTF-8 when the value was.
template <typename Range>
void check_refusal(const std::string& flag, const std::string& text, const Range& range,
                   const std::string& message)
{
  require(message.starts_with(flag + " ") && message.find(": must be ") != std::string::npos,
          "a refusal names the flag and what it takes");
  require(std::none_of(message.begin(), message.end(), carecast::is_control_character),
          "a refusal has no control characters");
  require(carecast::first_invalid_utf8(text) || !carecast::first_invalid_utf8(message),
          "a refusal of a UTF-8 value is UTF-8");
  // The hint follows what the flag takes; the value quoted before it may hold the words.
  const std::string hint = "; did you mean ";
  if (const std::size_t at = message.rfind(hint);
      at != std::string::npos && at > message.rfind(": must be ")) {
    const std::string suggestion =
      message.substr(at + hint.size(), message.size() - at - hint.size() - 1);
    try {
      read(flag, suggestion, range);
    } catch (const UsageError&) {
      require(false, "the value a refusal suggests is accepted");
    }
  }
}

// `text` as the value of `flag`, read alone and through CLI11 as the commands add it.
template <typename Value, typename Range>
void check_flag(const std::string& flag, const Range& range, const std::string& text)
{
  Value value{};
  try {
    value = read(flag, text, range);
  } catch (const UsageError& refusal) {
    check_refusal(flag, text, range, refusal.what());
    return;
  }
  require(in_range(value, range), "a value accepted is finite and in the flag's range");
  CLI::App app;
  Value stored{};
  carecast::cli::add_number_option(app, flag, stored, "", range);
  try {
    app.parse(std::vector<std::string>{flag + "=" + text});
  } catch (const CLI::ParseError&) {
    require(false, "CLI11 stores a value the flag accepts");
  }
  require(stored == value, "CLI11 stores the value the flag accepts");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  // A command line's argument ends at its first NUL.
  const std::string given(reinterpret_cast<const char*>(data), size);
  const std::string text = given.substr(0, given.find('\0'));
  check_flag<double>("--swing", NumberRange{0.0, 1.0, false, 0.1, ""}, text);
  check_flag<double>("--discount-rate", NumberRange{0.0, 1.0, true, 0.035, ""}, text);
  check_flag<double>("--confidence", NumberRange{0.5, 0.999, false, 0.95, ""}, text);
  check_flag<double>("--shortfall-threshold",
                     NumberRange{0.0, 1e9, false, std::nullopt, "in the scenario's unit"}, text);
  check_flag<double>("--max-variance", carecast::cli::finite_number("in the scenario's unit"),
                     text);
  check_flag<int>("--period", WholeRange<int>{1, 12, "1 is April, 12 is March"}, text);
  check_flag<int>("--top", WholeRange<int>{1, 10'000, ""}, text);
  check_flag<std::int64_t>("--draws", WholeRange<std::int64_t>{2, 10'000'000, ""}, text);
  check_flag<std::uint64_t>("--seed", WholeRange<std::uint64_t>{}, text);
  return 0;
}
