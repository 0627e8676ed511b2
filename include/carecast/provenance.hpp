#pragma once

// RunProvenance: what an output records of the run that wrote it, so that a figure can be
// traced back to its inputs. JSON outputs carry it as a "provenance" member; a CSV
// written with -o gets it as FILE.meta.json beside it. Both carry k_schema_version.

#include "carecast/diagnostic.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carecast {

// The version of every output's columns, measures and members (docs/outputs.md): JSON's
// "schema_version", and a CSV's in its FILE.meta.json. Any change of them raises it and
// is recorded in CHANGELOG.md.
inline constexpr int k_schema_version = 1;

struct RunProvenance
{
  std::vector<std::string> arguments;        // the command line after `carecast`
  std::map<std::string, std::string> inputs; // each file read, by path: its SHA-256
  std::optional<std::uint64_t> seed;         // a sampled analysis's seed

  // Records every file of `sources` (a scenario and the files it extends, say).
  void add_inputs(const SourceFiles& sources);
};

// The SHA-256 of `bytes` in lowercase hexadecimal, as sha256sum prints it.
std::string sha256_hex(std::string_view bytes);

// The file a record describes: its path as given and its SHA-256.
struct OutputDigest
{
  std::string path;
  std::string sha256;
};

// {"carecast": VERSION, "arguments": [...], "inputs": [{"path": ..., "sha256": ...}],
//  "seed": N or null}, on one line.
std::string provenance_json(const RunProvenance& provenance);

// The record beside an output (FILE.meta.json), on one line: {"schema_version": N,
// then provenance_json's members, then "output": {"path": ..., "sha256": ...}}, so that
// it can be checked against the file beside it.
std::string output_record(const RunProvenance& provenance, const OutputDigest& output);

// A JSON object's text with the head every JSON output shares before its own members:
// "schema_version": k_schema_version and "provenance": provenance_json(...), each on a
// line of its own.
std::string with_head(const std::string& json_object, const RunProvenance& provenance);

} // namespace carecast
