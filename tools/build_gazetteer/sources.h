#pragma once
// Readers for the gazetteer sources; each adds entities and aliases to a builder.
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "daemon/entities/gazetteer.h"

namespace newsd::gazbuild {

class builder {
 public:
  entities::gazetteer g;
  std::map<std::string, uint32_t> by_id;  // entity id -> index
  std::map<std::string, uint32_t> country_by_iso;
  std::unordered_map<std::string, uint32_t> city_by_name;  // largest city of that English name

  uint32_t add(entities::gaz_entity e);
  // Tokenises, folds and adds `alias` (and its comma-reordered forms).
  void alias(uint32_t e, const std::string& alias, size_t min_tokens = 1);
  void rename(uint32_t e, const std::string& new_id);
};

std::string read_file(const std::string& path, std::string* err);
bool add_countries(builder& b, const std::string& geonames_dir, std::string* err);
bool add_cities(builder& b, const std::string& geonames_dir, std::string* err);
bool add_admin1(builder& b, const std::string& geonames_dir, std::string* err);
bool add_iso_codes(builder& b, const std::string& json, const std::string& mo, std::string* err);
bool add_icu_names(builder& b);
bool add_legislators(builder& b, const std::string& tsv, std::string* err);
bool add_curated(builder& b, const std::string& tsv, std::string* err);

struct short_form_stats {
  size_t candidates = 0, added = 0, clashes = 0;
  std::vector<std::string> clash_examples;  // "short form: city vs other entities"
  std::vector<std::string> added_examples;  // "short form: city"
};
// After every source: a GeoNames city whose name ends in a qualifier (Frankfurt am Main,
// Quezon City) also gets its leading words as an alias, unless another entity (or another
// city's short form) already has that alias.
short_form_stats add_city_short_forms(builder& b);

}  // namespace newsd::gazbuild
