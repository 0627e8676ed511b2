// The TOML fragment that carries a forecast outturn into a medium-term projection as
// its known base year (docs/uncertainty.md, "known_base_year").

#include "carecast/outturn_writer.hpp"

#include "carecast/toml_text.hpp"
#include "carecast/writers.hpp"

#include <fmt/format.h>

namespace carecast {
namespace {

// A normal distribution's P90 less its P10, in standard deviations: 2 × 1.28155.
constexpr double k_p10_p90_sds = 2.5631;

std::string header(const Outturn& outturn, const std::string& period)
{
  return toml_comment_text(fmt::format("# Forecast outturn of {} by carecast outturn from {},",
                                       to_string(outturn.year), outturn.actuals_file))
         + "\n"
         + toml_comment_text(fmt::format("# actuals to {}, option {}.", period, outturn.option))
         + "\n"
         + toml_comment_text(fmt::format("# For a scenario whose base year is {}: paste the table "
                                         "into it, or put",
                                         to_string(outturn.year)))
         + "\n# extends = \"SCENARIO.toml\" above it to make a variant (a variant may only set "
           "keys its base has).\n";
}

// The total's sd from its band, when it has one that is wider than nothing.
std::string sd_member(const Outturn& outturn)
{
  const std::optional<Band>& band = outturn.total.band;
  if (outturn.draws <= 0 || !band || !(band->p90 > band->p10)) {
    return "";
  }
  const std::string assumption = fmt::format(
    "The P10-P90 band of the forecast outturn over {} draws (seed {}), read as a normal "
    "distribution's: (P90 - P10) / 2.563.",
    outturn.draws, outturn.seed);
  return fmt::format(", sd = {{ value = {}, assumption = {} }}",
                     full_precision((band->p90 - band->p10) / k_p10_p90_sds),
                     toml_string(assumption));
}

} // namespace

std::string write_fragment(const Outturn& outturn)
{
  const std::string period = period_label(outturn.year, outturn.period);
  const std::string source =
    fmt::format("carecast outturn: forecast outturn of {} from {}, actuals to {}",
                to_string(outturn.year), outturn.actuals_file, period);
  return header(outturn, period)
         + fmt::format("[uncertainty]\nknown_base_year = {{ value = {}, source = {}{} }}\n",
                       full_precision(outturn.total.forecast_outturn), toml_string(source),
                       sd_member(outturn));
}

} // namespace carecast
