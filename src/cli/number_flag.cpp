#include "number_flag.hpp"

#include "common.hpp"

#include "carecast/diagnostic.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>

namespace carecast::cli {
namespace {

// A number in messages and --help as a person writes it: 0.035, not 0.034999999999999996.
std::string shown(double value)
{
  return fmt::format("{:.15g}", value);
}

// The text given, as the message quotes it: control characters replaced, a long one cut.
std::string quoted(std::string_view text)
{
  constexpr std::size_t k_longest = 40;
  if (text.empty()) {
    return "''";
  }
  // A long value is cut between characters, not inside one, so that UTF-8 stays UTF-8.
  std::size_t end = std::min(text.size(), k_longest);
  while (end > 0 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
    --end;
  }
  std::string quote;
  for (const char c : text.substr(0, end)) {
    quote += is_control_character(c) ? '?' : c;
  }
  return text.size() > k_longest ? quote + "..." : quote;
}

// A leading + is allowed, as people write it, but std::from_chars does not take it.
std::string_view without_plus(std::string_view text)
{
  if (text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+') {
    text.remove_prefix(1);
  }
  return text;
}

// `text` whole as a decimal number (possibly NaN or infinite), or nothing.
std::optional<double> read_double(std::string_view text)
{
  text = without_plus(text);
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  if (error == std::errc::result_out_of_range) { // past a double's range either way
    return std::strtod(std::string(text).c_str(), nullptr);
  }
  return error == std::errc{} ? std::optional<double>(value) : std::nullopt;
}

// The usage error for `text` given to `flag`: what the flag takes, and a hint.
[[noreturn]] void refuse(std::string_view flag, std::string_view text, const std::string& takes,
                         const std::string& hint)
{
  throw UsageError(fmt::format("{} {}: must be {}{}", flag, quoted(text), takes, hint));
}

bool in_range(const NumberRange& range, double value)
{
  return value >= range.low && (range.below_high ? value < range.high : value <= range.high);
}

// What the range says in brackets after it: the fraction's example and the note.
std::string notes(const NumberRange& range)
{
  std::vector<std::string> said;
  if (range.fraction_example) {
    said.push_back(fmt::format("{} is {}%", shown(*range.fraction_example),
                               shown(*range.fraction_example * 100)));
  }
  if (!range.note.empty()) {
    said.push_back(range.note);
  }
  return said.empty() ? "" : fmt::format(" ({})", fmt::join(said, "; "));
}

std::string range_text(const NumberRange& range)
{
  if (range.low == std::numeric_limits<double>::lowest()
      && range.high == std::numeric_limits<double>::max()) {
    return "a finite number" + notes(range);
  }
  if (range.below_high) {
    return fmt::format("a number at least {} and below {}{}", shown(range.low), shown(range.high),
                       notes(range));
  }
  return fmt::format("a number from {} to {}{}", shown(range.low), shown(range.high), notes(range));
}

template <typename T>
std::string range_text(const WholeRange<T>& range)
{
  return fmt::format("a whole number from {} to {}{}", range.low, range.high,
                     range.note.empty() ? "" : fmt::format(" ({})", range.note));
}

// `value` as a T when it is a whole number T holds.
template <typename T>
std::optional<T> as_whole(double value)
{
  const double past_max = std::ldexp(1.0, std::numeric_limits<T>::digits);
  const double min = std::numeric_limits<T>::is_signed ? -past_max : 0.0;
  if (!(value >= min && value < past_max) || value != std::trunc(value)) {
    return std::nullopt;
  }
  return static_cast<T>(value);
}

// For --help: the range as CLI11 writes its own, "INT in [1 - 12]"; nothing when the
// flag takes any number of its type.
std::string help_text(const NumberRange& range)
{
  if (range.low == std::numeric_limits<double>::lowest()
      && range.high == std::numeric_limits<double>::max()) {
    return "";
  }
  return fmt::format("FLOAT in [{} - {}{}", shown(range.low), shown(range.high),
                     range.below_high ? ")" : "]");
}

template <typename T>
std::string help_text(const WholeRange<T>& range)
{
  if (range.low == std::numeric_limits<T>::min() && range.high == std::numeric_limits<T>::max()) {
    return "";
  }
  return fmt::format("{} in [{} - {}]", std::is_signed_v<T> ? "INT" : "UINT", range.low,
                     range.high);
}

} // namespace

double parse_number(std::string_view flag, std::string_view text, const NumberRange& range)
{
  const std::optional<double> value = read_double(text);
  if (value && in_range(range, *value)) {
    return *value;
  }
  std::string hint;
  if (value && range.fraction_example) {
    // Suggested only when taken as written: 99.99999999999999 / 100 is in a range
    // below 1, but shown to 15 digits it is 1.
    const std::string fraction = shown(*value / 100.0);
    if (const std::optional<double> suggested = read_double(fraction);
        suggested && in_range(range, *suggested)) {
      hint = fmt::format("; did you mean {}?", fraction);
    }
  }
  refuse(flag, text, range_text(range), hint);
}

template <typename T>
T parse_whole(std::string_view flag, std::string_view text, const WholeRange<T>& range)
{
  const std::string_view digits = without_plus(text);
  T value{};
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  const bool integer =
    !digits.empty() && end == digits.data() + digits.size() && error != std::errc::invalid_argument;
  if (integer && error == std::errc{} && value >= range.low && value <= range.high) {
    return value;
  }
  std::string hint;
  if (const std::optional<double> number = read_double(text); !integer && number) {
    if (const std::optional<T> whole = as_whole<T>(*number);
        whole && *whole >= range.low && *whole <= range.high) {
      hint = fmt::format("; did you mean {}?", *whole);
    }
  }
  refuse(flag, text, range_text(range), hint);
}

namespace {

// The number as CLI11 reads it back exactly: a double in hexadecimal, as CLI11 reads a
// decimal through a long double, which rounded again to a double can be the next one.
std::string exact(double value)
{
  return fmt::format("{:a}", value);
}

template <typename T>
std::string exact(T value)
{
  return fmt::format("{}", value);
}

// The value read by the rules of `range`, whichever kind it is.
double read_value(std::string_view flag, std::string_view text, const NumberRange& range)
{
  return parse_number(flag, text, range);
}

template <typename T>
T read_value(std::string_view flag, std::string_view text, const WholeRange<T>& range)
{
  return parse_whole(flag, text, range);
}

template <typename Range>
CLI::Validator checked(std::string flag, Range range)
{
  std::string help = help_text(range);
  return CLI::Validator(
    [flag = std::move(flag), range = std::move(range)](std::string& text) {
      text = exact(read_value(flag, text, range));
      return std::string();
    },
    std::move(help));
}

} // namespace

CLI::Validator number_check(std::string flag, NumberRange range)
{
  return checked(std::move(flag), std::move(range));
}

template <typename T>
CLI::Validator number_check(std::string flag, WholeRange<T> range)
{
  return checked(std::move(flag), std::move(range));
}

template int parse_whole(std::string_view, std::string_view, const WholeRange<int>&);
template std::int64_t parse_whole(std::string_view, std::string_view,
                                  const WholeRange<std::int64_t>&);
template std::uint64_t parse_whole(std::string_view, std::string_view,
                                   const WholeRange<std::uint64_t>&);
template CLI::Validator number_check(std::string, WholeRange<int>);
template CLI::Validator number_check(std::string, WholeRange<std::int64_t>);
template CLI::Validator number_check(std::string, WholeRange<std::uint64_t>);

} // namespace carecast::cli
