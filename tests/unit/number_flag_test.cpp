// The rules of numeric command-line flags: what each range takes, and the message,
// naming the flag and its range, for everything else.

#include "../../src/cli/common.hpp"

#include <doctest/doctest.h>
#include <string>

using carecast::cli::NumberRange;
using carecast::cli::parse_number;
using carecast::cli::parse_whole;
using carecast::cli::UsageError;
using carecast::cli::WholeRange;

namespace {

const NumberRange k_rate{0.0, 1.0, true, 0.035, ""};
const NumberRange k_swing{0.0, 1.0, false, 0.1, ""};
const WholeRange<std::int64_t> k_draws{2, 10'000'000, ""};
const WholeRange<std::uint64_t> k_seed{};

template <typename Parse>
std::string message_of(Parse parse)
{
  try {
    parse();
  } catch (const UsageError& error) {
    return error.what();
  }
  return "(accepted)";
}

std::string number_message(const char* text, const NumberRange& range)
{
  return message_of([&] { parse_number("--flag", text, range); });
}

template <typename T>
std::string whole_message(const char* text, const WholeRange<T>& range)
{
  return message_of([&] { parse_whole("--flag", text, range); });
}

} // namespace

TEST_CASE("a number in range is read as written, a leading plus and all")
{
  CHECK(parse_number("--swing", "0.25", k_swing) == 0.25);
  CHECK(parse_number("--swing", "1", k_swing) == 1.0);
  CHECK(parse_number("--swing", "+0.5", k_swing) == 0.5);
  CHECK(parse_number("--rate", "0", k_rate) == 0.0);
  CHECK(parse_number("--rate", "1e-400", k_rate) == 0.0);
}

TEST_CASE("NaN and the infinities are refused, naming the flag and the range")
{
  for (const char* text : {"nan", "NaN", "-nan", "inf", "-inf", "infinity", "1e400"}) {
    CAPTURE(text);
    CHECK(number_message(text, k_swing)
          == std::string("--flag ") + text + ": must be a number from 0 to 1 (0.1 is 10%)");
  }
}

TEST_CASE("a half-open range excludes its top, and a percentage gets its fraction suggested")
{
  CHECK(number_message("1", k_rate)
        == "--flag 1: must be a number at least 0 and below 1 "
           "(0.035 is 3.5%); did you mean 0.01?");
  CHECK(number_message("100", k_rate)
        == "--flag 100: must be a number at least 0 and below 1 "
           "(0.035 is 3.5%)");
  CHECK(number_message("3.5", k_rate)
        == "--flag 3.5: must be a number at least 0 and below 1 "
           "(0.035 is 3.5%); did you mean 0.035?");
  CHECK(number_message("-0.1", k_rate).find("did you mean") == std::string::npos);
  // A fraction below 1 that 15 digits would show as 1 is not suggested: 1 is refused too
  // (found by the fuzzer, tests/fuzz/regressions/number_flag/).
  CHECK(number_message("99.99999999999999", k_rate).find("did you mean") == std::string::npos);
}

TEST_CASE("a range over every finite number says so, with its note")
{
  const NumberRange any = carecast::cli::finite_number("in the scenario's unit");
  CHECK(parse_number("--max-variance", "-1000", any) == -1000.0);
  CHECK(number_message("inf", any)
        == "--flag inf: must be a finite number (in the scenario's unit)");
}

TEST_CASE("text that is not a number, or has more after it, is refused")
{
  for (const char* text : {"", "abc", "0.1x", " 0.1", "0x1p-3", "--1", "+-1", "1,5"}) {
    CAPTURE(text);
    CHECK(number_message(text, k_swing).find("must be a number from 0 to 1") != std::string::npos);
  }
}

TEST_CASE("a whole number in range is read, up to the largest seed")
{
  CHECK(parse_whole("--draws", "2", k_draws) == 2);
  CHECK(parse_whole("--draws", "10000000", k_draws) == 10'000'000);
  CHECK(parse_whole("--seed", "0", k_seed) == 0U);
  CHECK(parse_whole("--seed", "18446744073709551615", k_seed) == 18'446'744'073'709'551'615U);
  CHECK(parse_whole("--draws", "010", k_draws) == 10); // decimal, never octal
}

TEST_CASE("a seed outside 0 to 2^64 - 1, or not whole, is refused naming the range")
{
  const std::string range = ": must be a whole number from 0 to 18446744073709551615";
  for (const char* text :
       {"-1", "1.5", "18446744073709551616", "99999999999999999999999", "nan", "inf"}) {
    CAPTURE(text);
    CHECK(whole_message(text, k_seed) == std::string("--flag ") + text + range);
  }
  CHECK(whole_message("1e3", k_seed) == "--flag 1e3" + range + "; did you mean 1000?");
}

TEST_CASE("a whole number written as a decimal or with an exponent gets the digits suggested")
{
  const std::string range = ": must be a whole number from 2 to 10000000";
  CHECK(whole_message("1e6", k_draws) == "--flag 1e6" + range + "; did you mean 1000000?");
  CHECK(whole_message("50.0", k_draws) == "--flag 50.0" + range + "; did you mean 50?");
  CHECK(whole_message("2.5", k_draws) == "--flag 2.5" + range);
  CHECK(whole_message("1e8", k_draws) == "--flag 1e8" + range);
  CHECK(whole_message("1", k_draws) == "--flag 1" + range);
}

TEST_CASE("a whole range's note follows it in brackets")
{
  const WholeRange<int> period{1, 12, "1 is April, 12 is March"};
  CHECK(whole_message("13", period)
        == "--flag 13: must be a whole number from 1 to 12 (1 is April, 12 is March)");
}

TEST_CASE("control characters in the text are not echoed, and long text is cut")
{
  CHECK(number_message("\x1b[31m", k_swing).substr(0, 13) == "--flag ?[31m:");
  const std::string longest(100, '9');
  CHECK(number_message(longest.c_str(), k_swing).find(std::string(40, '9') + "...:")
        != std::string::npos);
  // Cut before a character that would cross the 40th byte, never inside it.
  const std::string pounds = std::string(39, '9') + "\u00a3\u00a3";
  CHECK(number_message(pounds.c_str(), k_swing).find(std::string(39, '9') + "...:")
        != std::string::npos);
}

TEST_CASE("a flag stores the number it accepts, to the last bit")
{
  // CLI11 reads a decimal through a long double, and 8.3e+26 rounded from that to a
  // double was the next double (found by the fuzzer, tests/fuzz/regressions/number_flag/).
  CLI::App app;
  double stored = 0.0;
  carecast::cli::add_number_option(app, "--max-variance", stored, "",
                                   carecast::cli::finite_number(""));
  app.parse(std::vector<std::string>{"--max-variance=830000000000000000000000832"});
  CHECK(stored == 830000000000000000000000832.0);
}
