#include "carecast/toml_text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace carecast {
namespace {

bool is_control(char c)
{
  return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
}

} // namespace

std::string toml_string(std::string_view text)
{
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (is_control(c)) {
      quoted += fmt::format("\\u{:04X}", static_cast<int>(c));
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

std::string toml_key(std::string_view key)
{
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
           || c == '-';
  });
  return bare ? std::string(key) : toml_string(key);
}

std::string toml_comment_text(std::string_view text)
{
  std::string cleaned(text);
  std::replace_if(cleaned.begin(), cleaned.end(), is_control, ' ');
  return cleaned;
}

} // namespace carecast
