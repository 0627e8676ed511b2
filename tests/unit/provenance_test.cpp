// Provenance: SHA-256 against the standard's test vectors, the record's JSON, and the
// member it adds to a JSON object.

#include "carecast/provenance.hpp"

#include <doctest/doctest.h>
#include <string>

using carecast::RunProvenance;

TEST_CASE("sha256_hex gives the digests of the standard's test vectors")
{
  // FIPS 180-2, appendix B.1 and B.2; the empty message's digest as sha256sum prints it.
  CHECK(carecast::sha256_hex("abc")
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(carecast::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(carecast::sha256_hex("")
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("the record lists the arguments, each input's digest by path, and the seed")
{
  RunProvenance provenance;
  provenance.arguments = {"simulate", "a \"quoted\" name.toml"};
  carecast::SourceFiles sources;
  sources.add("b.toml", "abc");
  sources.add("a.toml", "");
  provenance.add_inputs(sources);
  provenance.seed = 7;
  CHECK(carecast::provenance_json(provenance)
        == "{\"carecast\": \"" CARECAST_VERSION "\", \"arguments\": [\"simulate\", \"a "
           "\\\"quoted\\\" name.toml\"], \"inputs\": [{\"path\": \"a.toml\", \"sha256\": "
           "\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}, {\"path\": "
           "\"b.toml\", \"sha256\": "
           "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"}], \"seed\": 7}");

  SUBCASE("without a seed, null")
  {
    provenance.seed.reset();
    CHECK(carecast::provenance_json(provenance).ends_with("\"seed\": null}"));
  }
}

TEST_CASE("with_head puts the schema version and the record before a JSON object's members")
{
  RunProvenance provenance;
  // Schema version 1: the first, docs/outputs.md and CHANGELOG.md.
  CHECK(carecast::with_head("{\n  \"a\": 1\n}\n", provenance)
        == "{\n  \"schema_version\": 1,\n  \"provenance\": " + carecast::provenance_json(provenance)
             + ",\n  \"a\": 1\n}\n");
  CHECK_THROWS(carecast::with_head("[1]", provenance));
}

TEST_CASE("the record beside an output starts with the schema version and ends with the output")
{
  RunProvenance provenance;
  provenance.arguments = {"compare"};
  CHECK(carecast::output_record(provenance, {"out/a \"b\".csv", "00ff"})
        == "{\"schema_version\": 1, \"carecast\": \"" CARECAST_VERSION
           "\", \"arguments\": [\"compare\"], \"inputs\": [], \"seed\": null, \"output\": "
           "{\"path\": \"out/a \\\"b\\\".csv\", \"sha256\": \"00ff\"}}");
}
