#pragma once

// A strict JSON reader for the writers' tests: whether a document is valid JSON, and
// its strings and numbers decoded.

#include <cstdlib>
#include <doctest/doctest.h>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carecast::test {

// Just enough of a strict JSON reader (RFC 8259) to check the writer's output is valid
// and to decode its strings and numbers.
struct Json
{
  enum class Type { null, boolean, number, string, array, object };
  Type type = Type::null;
  double number = 0.0;
  std::string text;
  std::vector<std::string> keys; // of an object, beside `items`
  std::vector<Json> items;       // an array's elements or an object's values

  const Json& operator[](std::string_view key) const
  {
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == key) {
        return items[i];
      }
    }
    FAIL("no key " << std::string(key));
    return *this;
  }
};

class JsonReader
{
public:
  explicit JsonReader(std::string_view text)
    : m_text(text)
  {}

  // The document, or nothing when the text is not exactly one valid JSON value.
  std::optional<Json> document()
  {
    std::optional<Json> result = value();
    skip();
    return result && m_pos == m_text.size() ? result : std::nullopt;
  }

private:
  bool at_end() const { return m_pos >= m_text.size(); }
  char peek() const { return m_text[m_pos]; }

  void skip()
  {
    while (!at_end() && (peek() == ' ' || peek() == '\n' || peek() == '\r' || peek() == '\t')) {
      ++m_pos;
    }
  }

  bool eat(char c)
  {
    skip();
    if (!at_end() && peek() == c) {
      ++m_pos;
      return true;
    }
    return false;
  }

  bool literal(std::string_view word)
  {
    if (m_text.substr(m_pos, word.size()) != word) {
      return false;
    }
    m_pos += word.size();
    return true;
  }

  std::optional<Json> value()
  {
    skip();
    if (at_end()) {
      return std::nullopt;
    }
    Json result;
    if (peek() == '{') {
      ++m_pos;
      result.type = Json::Type::object;
      if (eat('}')) {
        return result;
      }
      do {
        skip();
        std::optional<std::string> key = string();
        if (!key || !eat(':')) {
          return std::nullopt;
        }
        std::optional<Json> item = value();
        if (!item) {
          return std::nullopt;
        }
        result.keys.push_back(*key);
        result.items.push_back(*item);
      } while (eat(','));
      return eat('}') ? std::optional<Json>(result) : std::nullopt;
    }
    if (peek() == '[') {
      ++m_pos;
      result.type = Json::Type::array;
      if (eat(']')) {
        return result;
      }
      do {
        std::optional<Json> item = value();
        if (!item) {
          return std::nullopt;
        }
        result.items.push_back(*item);
      } while (eat(','));
      return eat(']') ? std::optional<Json>(result) : std::nullopt;
    }
    if (peek() == '"') {
      std::optional<std::string> text = string();
      if (!text) {
        return std::nullopt;
      }
      result.type = Json::Type::string;
      result.text = *text;
      return result;
    }
    if (literal("true") || literal("false")) {
      result.type = Json::Type::boolean;
      return result;
    }
    if (literal("null")) {
      return result;
    }
    return number();
  }

  std::optional<std::string> string()
  {
    if (at_end() || peek() != '"') {
      return std::nullopt;
    }
    ++m_pos;
    std::string out;
    while (!at_end()) {
      const char c = m_text[m_pos++];
      if (c == '"') {
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        return std::nullopt; // control characters must be escaped
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_end()) {
        return std::nullopt;
      }
      switch (const char e = m_text[m_pos++]) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        if (m_pos + 4 > m_text.size()) {
          return std::nullopt;
        }
        const std::string hex(m_text.substr(m_pos, 4));
        char* end = nullptr;
        const long code = std::strtol(hex.c_str(), &end, 16);
        if (end != hex.c_str() + 4 || code >= 0x80) {
          return std::nullopt; // the writer only needs to escape ASCII controls
        }
        out += static_cast<char>(code);
        m_pos += 4;
        break;
      }
      default:
        (void)e;
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  std::optional<Json> number()
  {
    const std::size_t start = m_pos;
    const auto digits = [&] {
      const std::size_t first = m_pos;
      while (!at_end() && peek() >= '0' && peek() <= '9') {
        ++m_pos;
      }
      return m_pos > first;
    };
    if (!at_end() && peek() == '-') {
      ++m_pos;
    }
    if (!at_end() && peek() == '0') {
      ++m_pos; // no leading zeros
    } else if (!digits()) {
      return std::nullopt;
    }
    if (!at_end() && peek() == '.') {
      ++m_pos;
      if (!digits()) {
        return std::nullopt;
      }
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++m_pos;
      if (!at_end() && (peek() == '+' || peek() == '-')) {
        ++m_pos;
      }
      if (!digits()) {
        return std::nullopt;
      }
    }
    Json result;
    result.type = Json::Type::number;
    result.number = std::strtod(std::string(m_text.substr(start, m_pos - start)).c_str(), nullptr);
    return result;
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
};

inline std::optional<Json> parse(std::string_view text)
{
  return JsonReader(text).document();
}

} // namespace carecast::test
