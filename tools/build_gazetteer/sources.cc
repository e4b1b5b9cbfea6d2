#include "tools/build_gazetteer/sources.h"

#include <simdjson.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

#include "daemon/entities/fold.h"
#include "daemon/entities/utf8.h"

namespace newsd::gazbuild {

using entities::gaz_entity;
using entities::gaz_source;

std::string read_file(const std::string& path, std::string* err) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    *err = "cannot open " + path;
    return {};
  }
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t from = 0;
  while (true) {
    const size_t p = s.find(sep, from);
    out.push_back(s.substr(from, p == std::string::npos ? std::string::npos : p - from));
    if (p == std::string::npos) break;
    from = p + 1;
  }
  return out;
}

std::vector<std::string> lines(const std::string& body) {
  std::vector<std::string> out = split(body, '\n');
  for (auto& l : out)
    if (!l.empty() && l.back() == '\r') l.pop_back();
  return out;
}

}  // namespace

uint32_t builder::add(gaz_entity e) {
  if (auto it = by_id.find(e.id); it != by_id.end()) return it->second;
  const auto idx = static_cast<uint32_t>(g.entities.size());
  by_id[e.id] = idx;
  g.entities.push_back(std::move(e));
  return idx;
}

void builder::rename(uint32_t e, const std::string& new_id) {
  by_id.erase(g.entities[e].id);
  g.entities[e].id = new_id;
  by_id[new_id] = e;
}

void builder::alias(uint32_t e, const std::string& alias, size_t min_tokens) {
  auto add_one = [&](const std::string& s) {
    std::string folded;
    size_t n = 0;
    // Tokenised as in running text (a space after it): "U.S." keeps its final dot as it does
    // before the next word; at the very end of a string the tokeniser would drop it.
    const std::string padded = s + " ";
    for (const auto& t : entities::tokenise(padded)) {
      const std::string f = entities::fold(t.text);
      bool word = false;
      for (size_t i = 0; i < f.size();) word |= entities::is_word_char(entities::next_cp(f, i));
      if (!word) continue;
      if (!folded.empty()) folded += ' ';
      folded += f;
      ++n;
    }
    if (n < min_tokens || folded.empty()) return;
    g.aliases.push_back({folded, e});
  };
  add_one(alias);
  // "Korea, Republic of" -> "Republic of Korea"; Arabic comma parts of two words or more.
  for (const char* comma : {", ", "، "}) {
    const size_t p = alias.find(comma);
    if (p == std::string::npos) continue;
    const std::string head = alias.substr(0, p), tail = alias.substr(p + std::strlen(comma));
    if (std::strcmp(comma, ", ") == 0) {
      add_one(tail + " " + head);
    } else if (entities::tokenise(tail).size() >= 2) {
      add_one(tail);
    }
  }
}

bool add_countries(builder& b, const std::string& dir, std::string* err) {
  const std::string body = read_file(dir + "/countryInfo.txt", err);
  if (!err->empty()) return false;
  std::map<std::string, uint32_t> by_geonameid;
  for (const auto& l : lines(body)) {
    if (l.empty() || l[0] == '#') continue;
    const auto c = split(l, '\t');
    if (c.size() < 17 || c[16].empty()) continue;
    gaz_entity e{"geonames:" + c[16], c[4], "LOCATION", "", gaz_source::country, 0};
    e.population = std::strtoull(c[7].c_str(), nullptr, 10);
    const uint32_t idx = b.add(e);
    b.country_by_iso[c[0]] = idx;
    by_geonameid[c[16]] = idx;
    b.alias(idx, c[4]);
  }
  const std::string json = read_file(dir + "/country_translations.json", err);
  if (!err->empty()) return false;
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (parser.parse(json).get(root)) return *err = "country_translations.json: bad JSON", false;
  for (auto [key, value] : root) {
    auto it = by_geonameid.find(std::string(key));
    if (it == by_geonameid.end()) continue;
    for (const char* lang : {"ar", "en", "arz"}) {
      std::string_view name;
      if (!value[lang].get(name)) b.alias(it->second, std::string(name));
    }
  }
  return true;
}

bool add_cities(builder& b, const std::string& dir, std::string* err) {
  const std::string body = read_file(dir + "/cities15000.txt", err);
  if (!err->empty()) return false;
  for (const auto& l : lines(body)) {
    const auto c = split(l, '\t');
    if (c.size() < 15) continue;
    const bool capital = c[7] == "PPLC";
    gaz_entity e{"geonames:" + c[0],
                 c[1],
                 "LOCATION",
                 "",
                 capital ? gaz_source::capital : gaz_source::city,
                 std::strtoull(c[14].c_str(), nullptr, 10)};
    const uint32_t idx = b.add(e);
    auto [it, fresh] = b.city_by_name.emplace(c[1], idx);
    if (!fresh && b.g.entities[it->second].population < e.population) it->second = idx;
    b.alias(idx, c[1]);
    if (c[2] != c[1]) b.alias(idx, c[2]);
    for (const auto& alt : split(c[3], ','))
      if (entities::has_arabic(alt) && entities::count_cps(alt) >= 3) b.alias(idx, alt);
  }
  return true;
}

bool add_admin1(builder& b, const std::string& dir, std::string* err) {
  const std::string body = read_file(dir + "/admin1CodesASCII.txt", err);
  if (!err->empty()) return false;
  for (const auto& l : lines(body)) {
    const auto c = split(l, '\t');
    if (c.size() < 4 || c[3].empty()) continue;
    const uint32_t idx = b.add({"geonames:" + c[3], c[1], "LOCATION", "", gaz_source::admin1, 0});
    b.alias(idx, c[1]);
    if (c[2] != c[1]) b.alias(idx, c[2]);
  }
  return true;
}

namespace {

// GNU gettext .mo: a sorted table of msgid / msgstr pairs.
std::map<std::string, std::string> read_mo(const std::string& data) {
  std::map<std::string, std::string> out;
  auto u32 = [&](size_t off) {
    uint32_t v = 0;
    if (off + 4 <= data.size()) std::memcpy(&v, data.data() + off, 4);
    return v;
  };
  if (u32(0) != 0x950412de) return out;
  const uint32_t n = u32(8), orig = u32(12), trans = u32(16);
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t ol = u32(orig + i * 8), oo = u32(orig + i * 8 + 4);
    const uint32_t tl = u32(trans + i * 8), to = u32(trans + i * 8 + 4);
    if (oo + ol > data.size() || to + tl > data.size()) break;
    out[data.substr(oo, ol)] = data.substr(to, tl);
  }
  return out;
}

}  // namespace

bool add_iso_codes(builder& b, const std::string& json_path, const std::string& mo_path,
                   std::string* err) {
  const std::string json = read_file(json_path, err);
  if (!err->empty()) return false;
  const std::string mo = read_file(mo_path, err);
  if (!err->empty()) return false;
  const auto ar = read_mo(mo);
  simdjson::dom::parser parser;
  simdjson::dom::array list;
  if (parser.parse(json)["3166-1"].get(list)) return *err = json_path + ": bad JSON", false;
  for (auto c : list) {
    std::string_view a2;
    if (c["alpha_2"].get(a2)) continue;
    auto it = b.country_by_iso.find(std::string(a2));
    if (it == b.country_by_iso.end()) continue;
    for (const char* field : {"name", "official_name", "common_name"}) {
      std::string_view v;
      if (c[field].get(v)) continue;
      b.alias(it->second, std::string(v));
      if (auto t = ar.find(std::string(v)); t != ar.end() && !t->second.empty())
        b.alias(it->second, t->second);
    }
  }
  return true;
}

bool add_icu_names(builder& b) {
  const icu::Locale ar("ar"), en("en");
  for (const auto& [iso, idx] : b.country_by_iso) {
    for (const auto* loc : {&ar, &en}) {
      icu::UnicodeString s;
      icu::Locale("", iso.c_str()).getDisplayCountry(*loc, s);
      std::string out;
      s.toUTF8String(out);
      if (!out.empty() && out != iso) b.alias(idx, out);
    }
  }
  return true;
}

bool add_legislators(builder& b, const std::string& tsv, std::string* err) {
  const std::string body = read_file(tsv, err);
  if (!err->empty()) return false;
  bool header = true;
  for (const auto& l : lines(body)) {
    if (header) {
      header = false;
      continue;
    }
    const auto c = split(l, '\t');
    if (c.size() < 3 || c[0].empty()) continue;
    auto it = b.by_id.find(c[0]);
    uint32_t idx;
    if (it == b.by_id.end()) {
      idx = b.add({c[0], c[2], "PERSON", c[0], gaz_source::person, 0});
    } else {
      idx = it->second;
      if (c[1] == "en") b.g.entities[idx].name = c[2];
    }
    b.alias(idx, c[2], 2);
  }
  return true;
}

// key<TAB>type<TAB>English name<TAB>wikidata<TAB>alias|alias|...
// key: iso:XX (a country), city:Name (the largest GeoNames city of that name), or a slug.
bool add_curated(builder& b, const std::string& tsv, std::string* err) {
  const std::string body = read_file(tsv, err);
  if (!err->empty()) return false;
  int n = 0;
  for (const auto& l : lines(body)) {
    ++n;
    if (l.empty() || l[0] == '#') continue;
    const auto c = split(l, '\t');
    if (c.size() < 5) return *err = tsv + ":" + std::to_string(n) + ": expected 5 columns", false;
    const std::string &key = c[0], &type = c[1], &name = c[2], &qid = c[3];
    int64_t idx = -1;
    if (key.rfind("iso:", 0) == 0) {
      if (auto it = b.country_by_iso.find(key.substr(4)); it != b.country_by_iso.end())
        idx = it->second;
    } else if (key.rfind("city:", 0) == 0) {
      if (auto it = b.city_by_name.find(key.substr(5)); it != b.city_by_name.end())
        idx = it->second;
    }
    if (idx < 0 && !qid.empty())
      if (auto it = b.by_id.find(qid); it != b.by_id.end()) idx = it->second;
    if (idx < 0) {
      idx = b.add({qid.empty() ? "newsd:" + key : qid, name, type, qid, gaz_source::curated, 0});
    } else {
      auto& e = b.g.entities[idx];
      if (e.source != gaz_source::country) e.source = gaz_source::curated;
      if (!qid.empty() && e.wikidata.empty()) {
        e.wikidata = qid;
        b.rename(static_cast<uint32_t>(idx), qid);
      }
      if (!name.empty()) e.name = name;
      e.type = type;
    }
    b.alias(static_cast<uint32_t>(idx), name);
    for (const auto& a : split(c[4], '|'))
      if (!a.empty()) b.alias(static_cast<uint32_t>(idx), a);
  }
  return true;
}

}  // namespace newsd::gazbuild

namespace newsd::gazbuild {

short_form_stats add_city_short_forms(builder& b) {
  // Suffixes that qualify a city's name but are left out in running text (Frankfurt am Main
  // -> Frankfurt, Halle an der Saale -> Halle, Quezon City -> Quezon); space-separated only.
  // "in"/"an" only before a capitalised word (not "Lake in the Hills"; "an" alone is also the
  // transliterated Arabic article: Abū an Numrus). "City" only for cities of 150,000 people
  // or more: the smaller ones are mostly ordinary words (Old City, Plant City, National City).
  static const char* const kQualifiers[] = {"am", "an", "im", "in", "ob", "bei", "upon", "on"};
  auto capitalised = [](const std::string& w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; };
  short_form_stats st;
  std::unordered_map<std::string, std::vector<uint32_t>> owners;  // folded alias -> entities
  for (const auto& a : b.g.aliases) owners[a.folded].push_back(a.entity);
  std::unordered_map<std::string, std::vector<uint32_t>> candidates;
  for (uint32_t e = 0; e < b.g.entities.size(); ++e) {
    const auto& ent = b.g.entities[e];
    if (ent.source != gaz_source::city && ent.source != gaz_source::capital) continue;
    if (ent.id.rfind("geonames:", 0) != 0) continue;
    const auto words = split(ent.name, ' ');
    if (words.size() < 2) continue;
    size_t cut = 0;
    if (words.back() == "City" && ent.population >= 150000) cut = words.size() - 1;
    for (size_t i = 1; i + 1 < words.size() && cut == 0; ++i)
      for (const char* q : kQualifiers) {
        if (words[i] != q) continue;
        const std::string& next = words[i + 1];
        const bool de = next == "der" || next == "den";
        if ((words[i] == std::string("an") && !de) ||
            (words[i] == std::string("in") && !de && !capitalised(next)))
          continue;
        cut = i;
      }
    if (cut == 0) continue;
    std::string head;
    for (size_t i = 0; i < cut; ++i) head += (i ? " " : "") + words[i];
    std::string folded;
    for (const auto& t : entities::tokenise(head))
      folded += (folded.empty() ? "" : " ") + entities::fold(t.text);
    if (entities::count_cps(folded) < 3) continue;
    candidates[folded].push_back(e);
  }
  for (const auto& [folded, es] : candidates) {
    ++st.candidates;
    std::vector<uint32_t> others;
    if (auto it = owners.find(folded); it != owners.end())
      for (uint32_t o : it->second)
        if (o != es.front()) others.push_back(o);
    if (es.size() > 1 || !others.empty()) {
      ++st.clashes;
      std::string who = b.g.entities[es.front()].name + " vs ";
      for (size_t k = 1; k < es.size(); ++k) who += b.g.entities[es[k]].name + "; ";
      for (uint32_t o : others) who += b.g.entities[o].name + " (" + b.g.entities[o].id + "); ";
      st.clash_examples.push_back(folded + ": " + who);
      continue;
    }
    b.g.aliases.push_back({folded, es.front()});
    st.added_examples.push_back(folded + ": " + b.g.entities[es.front()].name);
    ++st.added;
  }
  std::sort(st.clash_examples.begin(), st.clash_examples.end());
  std::sort(st.added_examples.begin(), st.added_examples.end());
  return st;
}

}  // namespace newsd::gazbuild
