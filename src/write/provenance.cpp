#include "carecast/provenance.hpp"

#include "carecast/writers.hpp"

#include <fmt/format.h>
#include <nettle/sha2.h>
#include <stdexcept>

namespace carecast {

void RunProvenance::add_inputs(const SourceFiles& sources)
{
  for (const auto& [path, text] : sources.texts()) {
    inputs[path] = sha256_hex(text);
  }
}

std::string sha256_hex(std::string_view bytes)
{
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&context, SHA256_DIGEST_SIZE, digest);
  std::string hex;
  for (const std::uint8_t byte : digest) {
    hex += fmt::format("{:02x}", byte);
  }
  return hex;
}

namespace {

// provenance_json's members, without the braces.
std::string provenance_members(const RunProvenance& provenance)
{
  std::vector<std::string> arguments;
  for (const std::string& argument : provenance.arguments) {
    arguments.push_back(json_string(argument));
  }
  std::vector<std::string> inputs;
  for (const auto& [path, sha256] : provenance.inputs) {
    inputs.push_back(
      fmt::format("{{\"path\": {}, \"sha256\": \"{}\"}}", json_string(path), sha256));
  }
  return fmt::format("\"carecast\": \"{}\", \"arguments\": [{}], \"inputs\": [{}], \"seed\": {}",
                     CARECAST_VERSION, fmt::join(arguments, ", "), fmt::join(inputs, ", "),
                     provenance.seed ? std::to_string(*provenance.seed) : "null");
}

} // namespace

std::string provenance_json(const RunProvenance& provenance)
{
  return fmt::format("{{{}}}", provenance_members(provenance));
}

std::string output_record(const RunProvenance& provenance, const OutputDigest& output)
{
  return fmt::format(
    "{{\"schema_version\": {}, {}, \"output\": {{\"path\": {}, \"sha256\": \"{}\"}}}}",
    k_schema_version, provenance_members(provenance), json_string(output.path), output.sha256);
}

std::string with_head(const std::string& json_object, const RunProvenance& provenance)
{
  if (json_object.empty() || json_object.front() != '{') {
    throw std::logic_error("with_head: not a JSON object");
  }
  return fmt::format("{{\n  \"schema_version\": {},\n  \"provenance\": {},{}", k_schema_version,
                     provenance_json(provenance), json_object.substr(1));
}

} // namespace carecast
