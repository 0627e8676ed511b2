// write_output: the writer for each content and format, and where its text goes.

#include "carecast/output.hpp"

#include "carecast/backtest_writer.hpp"
#include "carecast/diagnostic.hpp"
#include "carecast/calibrate_writer.hpp"
#include "carecast/explain_writer.hpp"
#include "carecast/outturn_writer.hpp"
#include "carecast/params_writer.hpp"
#include "carecast/sensitivity_writer.hpp"
#include "carecast/simulation_writer.hpp"
#include "carecast/sobol_writer.hpp"
#include "carecast/validate_writer.hpp"
#include "carecast/writers.hpp"
#include "carecast/xlsx_writer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fmt/format.h>
#include <stdexcept>

namespace carecast {
namespace {

constexpr std::array<std::pair<Format, std::string_view>, 4> k_format_names{
  {{Format::table, "table"}, {Format::csv, "csv"}, {Format::json, "json"}, {Format::xlsx, "xlsx"}}};

// The charts the table format adds after a content's tables: none for most.
template <typename Content>
std::string charts(const Content&, const ChartStyle&)
{
  return {};
}
std::string charts(const Report& report, const ChartStyle& style)
{
  return report.kind == ReportKind::compare ? trajectory_chart(report, style) : std::string();
}
std::string charts(const SensitivityReport& report, const ChartStyle& style)
{
  return tornado_chart(report, style);
}
std::string charts(const SimulationReport& report, const ChartStyle& style)
{
  return fan_chart(report, style);
}

[[noreturn]] void no_writer(Format format)
{
  throw std::logic_error(
    fmt::format("write_output: no {} writer for this content", format_name(format)));
}

// `content` as text in a text format.
template <typename Result>
std::string text_of(const Result& content, Format format, const RunProvenance& provenance,
                    const ChartStyle& style)
{
  switch (format) {
  case Format::csv:
    if constexpr (requires { write_csv(content); }) {
      return write_csv(content);
    }
    break;
  case Format::json:
    if constexpr (requires { write_json(content); }) {
      return with_head(write_json(content), provenance);
    }
    break;
  case Format::table:
    if constexpr (requires { write_terminal(content, style.width); }) {
      // Text read from CSV files (a note, a column's name) may hold control characters.
      return shown_printable(write_terminal(content, static_cast<std::size_t>(style.width)), true)
             + charts(content, style);
    }
    break;
  case Format::xlsx:
    break;
  }
  no_writer(format);
}

void write_text(const std::string& text, Format format, const Destination& destination,
                const RunProvenance& provenance)
{
  if (destination.path.empty()) {
    write_to_stdout(text);
    return;
  }
  // A CSV's record goes beside a file it replaces; a device or pipe has no "beside".
  if (format != Format::csv || writes_in_place(destination.path)) {
    write_files({{destination.path, text, {}}});
    return;
  }
  const std::string record =
    output_record(provenance, {destination.path.string(), sha256_hex(text)}) + "\n";
  std::filesystem::path record_path = destination.path;
  record_path += ".meta.json";
  write_files({{destination.path, text, {}}, {record_path, record, {}}});
}

// A content that write_xlsx writes as a workbook.
template <typename Result>
concept WorkbookContent = requires(const Result& content, const std::filesystem::path& path,
                                   const RunProvenance& run)
{
  write_xlsx(path, path, content, run);
};

template <WorkbookContent Result>
void write_workbook(const Result& content, Format format, const Destination& destination,
                    const RunProvenance& provenance)
{
  if (format != Format::xlsx || destination.path.empty()) {
    no_writer(format);
  }
  write_files({{destination.path, {}, [&](const std::filesystem::path& path) {
                  write_xlsx(path, destination.path, content, provenance);
                }}});
}

} // namespace

std::string_view format_name(Format format)
{
  for (const auto& [known, name] : k_format_names) {
    if (known == format) {
      return name;
    }
  }
  return {};
}

std::optional<Format> format_named(std::string_view name)
{
  for (const auto& [format, known] : k_format_names) {
    if (known == name) {
      return format;
    }
  }
  return std::nullopt;
}

std::optional<Format> format_of(const std::filesystem::path& path)
{
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension.empty() || extension == ".table") {
    return std::nullopt;
  }
  return format_named(extension.substr(1));
}

void write_output(Content content, Format format, const Destination& destination,
                  const RunProvenance& provenance)
{
  std::visit(
    [&](const auto* result) {
      using Result = std::remove_cv_t<std::remove_pointer_t<decltype(result)>>;
      if constexpr (WorkbookContent<Result>) {
        // A Workbook is nothing but a workbook; another content is one in xlsx.
        if (format == Format::xlsx || std::is_same_v<Result, Workbook>) {
          write_workbook(*result, format, destination, provenance);
          return;
        }
      }
      if (destination.byte_order_mark && format != Format::csv) {
        throw std::logic_error("write_output: a byte-order mark on another format than CSV");
      }
      const std::string text = text_of(*result, format, provenance, destination.charts);
      write_text(destination.byte_order_mark ? std::string(k_byte_order_mark) + text : text, format,
                 destination, provenance);
    },
    content);
}

} // namespace carecast
