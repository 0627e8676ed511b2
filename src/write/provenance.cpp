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

std::string provenance_json(const RunProvenance& provenance,
                            const std::optional<OutputDigest>& output)
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
  const std::string described =
    output ? fmt::format(", \"output\": {{\"path\": {}, \"sha256\": \"{}\"}}",
                         json_string(output->path), output->sha256)
           : std::string();
  return fmt::format(
    "{{\"carecast\": \"{}\", \"arguments\": [{}], \"inputs\": [{}], \"seed\": {}{}}}",
    CARECAST_VERSION, fmt::join(arguments, ", "), fmt::join(inputs, ", "),
    provenance.seed ? std::to_string(*provenance.seed) : "null", described);
}

std::string with_provenance(const std::string& json_object, const RunProvenance& provenance)
{
  if (json_object.empty() || json_object.front() != '{') {
    throw std::logic_error("with_provenance: not a JSON object");
  }
  return fmt::format("{{\n  \"provenance\": {},{}", provenance_json(provenance),
                     json_object.substr(1));
}

} // namespace carecast
