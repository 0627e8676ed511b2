#include "carecast/file_names.hpp"

#include <algorithm>

namespace carecast {

std::filesystem::path file_path(std::string_view text)
{
  return std::filesystem::path(std::u8string(text.begin(), text.end()));
}

std::string file_beside(std::string_view file, std::string_view relative)
{
  std::string written(relative);
  std::replace(written.begin(), written.end(), '\\', '/');
  const std::filesystem::path joined =
    (file_path(file).parent_path() / file_path(written)).lexically_normal();
  std::string name = joined.generic_string();
  if (file.find('\\') != std::string_view::npos && file.find('/') == std::string_view::npos) {
    std::replace(name.begin(), name.end(), '/', '\\');
  }
  return name;
}

} // namespace carecast
