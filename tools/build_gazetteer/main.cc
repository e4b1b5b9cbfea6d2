// build_gazetteer: merges GeoNames, iso-codes, ICU country names, Wikidata legislator labels
// and the curated lists into models/gazetteer.bin.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "tools/build_gazetteer/collisions.h"
#include "tools/build_gazetteer/sources.h"

using namespace newsd;

int main(int argc, char** argv) {
  CLI::App app{"Build the newsd entity gazetteer"};
  std::string geonames, legislators, iso_json = "/usr/share/iso-codes/json/iso_3166-1.json",
                                     iso_mo = "/usr/share/locale/ar/LC_MESSAGES/iso_3166-1.mo",
                                     curated, out;
  app.add_option("--geonames", geonames, "GeoNames folder")->required();
  app.add_option("--legislators", legislators, "everypolitician ep2015-wikidata-labels.tsv");
  app.add_option("--iso-json", iso_json);
  app.add_option("--iso-mo", iso_mo);
  app.add_option("--curated", curated, "Folder of curated *.tsv lists")->required();
  app.add_option("--out", out)->required();
  bool short_forms = true;
  app.add_option("--city-short-forms", short_forms,
                 "Add Frankfurt for Frankfurt am Main (when no other entity has it)");
  CLI11_PARSE(app, argc, argv);

  gazbuild::builder b;
  std::string err;
  auto check = [&](bool ok, const char* what) {
    if (ok) return true;
    std::fprintf(stderr, "build_gazetteer: %s: %s\n", what, err.c_str());
    return false;
  };
  if (!check(gazbuild::add_countries(b, geonames, &err), "countries")) return 1;
  if (!check(gazbuild::add_iso_codes(b, iso_json, iso_mo, &err), "iso-codes")) return 1;
  gazbuild::add_icu_names(b);
  if (!check(gazbuild::add_cities(b, geonames, &err), "cities")) return 1;
  if (!check(gazbuild::add_admin1(b, geonames, &err), "admin1")) return 1;
  if (!legislators.empty() &&
      !check(gazbuild::add_legislators(b, legislators, &err), "legislators"))
    return 1;
  std::vector<std::string> files;
  for (const auto& f : std::filesystem::directory_iterator(curated))
    if (f.path().extension() == ".tsv") files.push_back(f.path().string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files)
    if (!check(gazbuild::add_curated(b, f, &err), f.c_str())) return 1;

  const auto sf = short_forms ? gazbuild::add_city_short_forms(b) : gazbuild::short_form_stats{};
  std::fprintf(stderr,
               "build_gazetteer: city short forms: %zu candidates, %zu added, %zu left out "
               "(alias of another entity or of two cities)\n",
               sf.candidates, sf.added, sf.clashes);
  if (std::getenv("BUILD_GAZETTEER_VERBOSE") != nullptr) {
    for (const auto& c : sf.clash_examples) std::fprintf(stderr, "  clash: %s\n", c.c_str());
    for (const auto& c : sf.added_examples) std::fprintf(stderr, "  added: %s\n", c.c_str());
  }

  auto& al = b.g.aliases;
  std::sort(al.begin(), al.end(), [](const auto& x, const auto& y) {
    return x.folded != y.folded ? x.folded < y.folded : x.entity < y.entity;
  });
  al.erase(std::unique(al.begin(), al.end(),
                       [](const auto& x, const auto& y) {
                         return x.folded == y.folded && x.entity == y.entity;
                       }),
           al.end());
  const char* ml = std::getenv("BUILD_GAZETTEER_CROSS_MIN");
  gazbuild::report_person_key_collisions(b.g, ml != nullptr ? std::strtoul(ml, nullptr, 10) : 6);
  if (auto st = b.g.save(out); !st) {
    std::fprintf(stderr, "build_gazetteer: %s\n", st.err().message.c_str());
    return 1;
  }
  std::fprintf(stderr, "build_gazetteer: %zu entities, %zu aliases -> %s\n", b.g.entities.size(),
               al.size(), out.c_str());
  return 0;
}
