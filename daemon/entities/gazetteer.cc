#include "daemon/entities/gazetteer.h"

#include <zlib.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "common/hash.h"
#include "daemon/entities/fold.h"
#include "daemon/entities/tagger_util.h"
#include "daemon/entities/utf8.h"

namespace newsd::entities {

namespace {

constexpr char kMagic[8] = {'N', 'W', 'S', 'G', 'A', 'Z', '0', '1'};

void put_u32(std::string& o, uint32_t v) { o.append(reinterpret_cast<const char*>(&v), 4); }
void put_u64(std::string& o, uint64_t v) { o.append(reinterpret_cast<const char*>(&v), 8); }
void put_str(std::string& o, std::string_view s) {
  put_u32(o, static_cast<uint32_t>(s.size()));
  o.append(s);
}

struct reader {
  std::string_view d;
  size_t p = 0;
  bool ok = true;
  uint32_t u32() {
    uint32_t v = 0;
    if (p + 4 > d.size()) return ok = false, 0;
    std::memcpy(&v, d.data() + p, 4);
    p += 4;
    return v;
  }
  uint64_t u64() {
    uint64_t v = 0;
    if (p + 8 > d.size()) return ok = false, 0;
    std::memcpy(&v, d.data() + p, 8);
    p += 8;
    return v;
  }
  std::string str() {
    const uint32_t n = u32();
    if (!ok || p + n > d.size()) return ok = false, std::string();
    std::string s(d.substr(p, n));
    p += n;
    return s;
  }
};

// Deletion neighbourhood only for names long enough that one edit is still a spelling
// variant, not another name.
constexpr size_t kMinFuzzyCps = 5;

}  // namespace

const char* gaz_source_name(gaz_source s) {
  static const char* names[] = {"curated", "country", "capital", "admin1", "city", "person"};
  return names[static_cast<int>(s)];
}

uint64_t token_hash(std::string_view folded_token) { return hash64(folded_token, 0x6a7); }

uint64_t alias_seq(std::string_view folded_alias) {
  uint64_t h = kSeqSeed;
  size_t from = 0;
  while (from <= folded_alias.size()) {
    size_t sp = folded_alias.find(' ', from);
    if (sp == std::string_view::npos) sp = folded_alias.size();
    if (sp > from) h = seq_mix(h, token_hash(folded_alias.substr(from, sp - from)));
    from = sp + 1;
  }
  return h;
}

status gazetteer::save(const std::string& path) const {
  std::string raw;
  put_u32(raw, static_cast<uint32_t>(entities.size()));
  for (const auto& e : entities) {
    put_str(raw, e.id);
    put_str(raw, e.name);
    put_str(raw, e.type);
    put_str(raw, e.wikidata);
    put_u32(raw, static_cast<uint32_t>(e.source));
    put_u64(raw, e.population);
  }
  put_u32(raw, static_cast<uint32_t>(aliases.size()));
  for (const auto& a : aliases) {
    put_str(raw, a.folded);
    put_u32(raw, a.entity);
  }
  uLongf zlen = compressBound(raw.size());
  std::string z(zlen, '\0');
  if (compress2(reinterpret_cast<Bytef*>(z.data()), &zlen,
                reinterpret_cast<const Bytef*>(raw.data()), raw.size(), 9) != Z_OK)
    return make_error(errc::internal, "gazetteer: compression failed");
  z.resize(zlen);
  std::ofstream f(path, std::ios::binary);
  f.write(kMagic, 8);
  uint64_t rawlen = raw.size();
  f.write(reinterpret_cast<const char*>(&rawlen), 8);
  f.write(z.data(), static_cast<std::streamsize>(z.size()));
  if (!f) return make_error(errc::io, "gazetteer: cannot write " + path);
  return ok_status();
}

result<gazetteer> gazetteer::load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return make_error(errc::not_found, "gazetteer: cannot open " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string file = ss.str();
  if (file.size() < 16 || std::memcmp(file.data(), kMagic, 8) != 0)
    return make_error(errc::invalid_input,
                      format_error("gazetteer", "gazetteer", std::string_view(file).substr(0, 8),
                                   std::string_view(kMagic, 8), path));
  uint64_t rawlen = 0;
  std::memcpy(&rawlen, file.data() + 8, 8);
  if (rawlen > (1ULL << 31)) return make_error(errc::invalid_input, "gazetteer: bad header");
  std::string raw(rawlen, '\0');
  uLongf out = rawlen;
  if (uncompress(reinterpret_cast<Bytef*>(raw.data()), &out,
                 reinterpret_cast<const Bytef*>(file.data() + 16), file.size() - 16) != Z_OK ||
      out != rawlen)
    return make_error(errc::invalid_input, "gazetteer: corrupt data in " + path);
  gazetteer g;
  reader r{raw};
  const uint32_t ne = r.u32();
  g.entities.resize(r.ok ? ne : 0);
  for (auto& e : g.entities) {
    e.id = r.str();
    e.name = r.str();
    e.type = r.str();
    e.wikidata = r.str();
    e.source = static_cast<gaz_source>(r.u32());
    e.population = r.u64();
  }
  const uint32_t na = r.u32();
  g.aliases.resize(r.ok ? na : 0);
  for (auto& a : g.aliases) {
    a.folded = r.str();
    a.entity = r.u32();
    if (a.entity >= g.entities.size()) r.ok = false;
  }
  if (!r.ok) return make_error(errc::invalid_input, "gazetteer: truncated " + path);
  g.index();
  return g;
}

bool gazetteer::better(uint32_t a, uint32_t b) const {
  const auto& x = entities[a];
  const auto& y = entities[b];
  if (x.source != y.source) return x.source < y.source;
  return x.population > y.population;
}

void gazetteer::index() {
  std::unordered_map<uint64_t, uint32_t> exact;
  std::unordered_map<uint64_t, uint8_t> first_tok;
  std::unordered_map<uint64_t, uint32_t> skel, skel_del;
  nospace_.assign(aliases.size(), {});
  exact.reserve(aliases.size());
  for (uint32_t i = 0; i < aliases.size(); ++i) {
    const auto& a = aliases[i];
    const uint64_t seq = alias_seq(a.folded);
    auto [it, fresh] = exact.emplace(seq, a.entity);
    if (!fresh && better(a.entity, it->second)) it->second = a.entity;
    const size_t sp = a.folded.find(' ');
    const uint64_t first = token_hash(std::string_view(a.folded).substr(0, sp));
    size_t ntok = 1;
    for (char c : a.folded) ntok += c == ' ';
    auto& m = first_tok[first];
    m = static_cast<uint8_t>(std::max<size_t>(m, std::min<size_t>(ntok, 255)));

    std::string ns;
    for (char c : a.folded)
      if (c != ' ') ns += c;
    nospace_[i] = ns;
    const std::string sk = skeleton(a.folded);
    if (count_cps(sk) < 3) continue;
    auto [st, sfresh] = skel.emplace(hash64(sk), i);
    if (!sfresh && better(a.entity, aliases[st->second].entity)) st->second = i;
    if (count_cps(sk) < kMinFuzzyCps || !has_arabic(sk)) continue;
    for (size_t p = 0; p < sk.size();) {
      size_t q = p;
      next_cp(sk, q);
      const std::string del = sk.substr(0, p) + sk.substr(q);
      auto [dt, dfresh] = skel_del.emplace(hash64(del, 1), i);
      if (!dfresh && better(a.entity, aliases[dt->second].entity)) dt->second = i;
      p = q;
    }
  }
  exact_.build(exact);
  first_.build(first_tok);
  skel_.build(skel);
  skel_del_.build(skel_del);
  std::unordered_map<uint64_t, uint8_t> direct_keys;
  for (const auto* m : {&skel, &skel_del})
    for (const auto& [k, a] : *m)
      if (direct(aliases[a].entity)) direct_keys.emplace(k, 1);
  direct_keys_.build(direct_keys);
  direct_tri_.assign(kTriBits / 64, 0);
  direct_tail_.assign(kTriBits / 64, 0);
  for (const auto& a : aliases) {
    if (!direct(a.entity)) continue;
    const std::string sk = skeleton(a.folded);
    if (count_cps(sk) < kMinFuzzyCps || !has_arabic(sk)) continue;
    for (size_t p = 0; p < sk.size();) {
      size_t q = p;
      next_cp(sk, q);
      const std::string del = sk.substr(0, p) + sk.substr(q);
      size_t i = 0;
      char32_t c[3] = {};
      for (int k = 0; k < 3 && i < del.size(); ++k) c[k] = next_cp(del, i);
      const uint32_t t = tri(c[0], c[1], c[2]);
      direct_tri_[t >> 6] |= uint64_t{1} << (t & 63);
      std::vector<char32_t> all;
      for (size_t j = 0; j < del.size();) all.push_back(next_cp(del, j));
      if (all.size() >= 3) {
        const size_t m = all.size();
        const uint32_t u = tail(all[m - 3], all[m - 2], all[m - 1], m);
        direct_tail_[u >> 6] |= uint64_t{1} << (u & 63);
      }
      p = q;
    }
  }
  direct_bits_.assign(kDirectBitsMask + 1, 0);
  for (const auto& [k, v] : direct_keys)
    direct_bits_[(k >> 6) & kDirectBitsMask] |= 1ULL << (k & 63);
}

template <typename V>
void gazetteer::flat_map<V>::build(const std::unordered_map<uint64_t, V>& from) {
  size_t cap = 16;
  while (cap < from.size() * 2 + 1) cap <<= 1;
  keys.assign(cap, 0);
  values.assign(cap, V{});
  mask = cap - 1;
  for (const auto& [key, v] : from) {
    const uint64_t k = key + (key == 0);
    uint64_t s = (k * 0x9E3779B97F4A7C15ULL >> 20) & mask;
    while (keys[s] != 0) s = (s + 1) & mask;
    keys[s] = k;
    values[s] = v;
  }
}

int32_t gazetteer::exact(uint64_t seq) const {
  const uint32_t* e = exact_.find(seq);
  return e == nullptr ? -1 : static_cast<int32_t>(*e);
}

uint8_t gazetteer::max_tokens(uint64_t first_token) const {
  const uint8_t* m = first_.find(first_token);
  return m == nullptr ? 0 : *m;
}

bool gazetteer::may_be_direct_variant(std::string_view folded_nospace) const {
  // Mirrors the keys variant() looks up; a direct entity needs one of them in direct_keys_.
  // Per-thread buffers: this runs for most unknown word pairs of a text.
  thread_local std::string sk, del;
  skeleton_to(folded_nospace, sk);
  const size_t n = count_cps(sk);
  if (n < 3) return false;
  if (direct_key(hash64(sk))) return true;
  if (n < kMinFuzzyCps || !has_arabic(sk)) return false;
  // The seed-1 keys are deletions of direct names: a string can only be one when its first
  // three code points are those of such a deletion (tri_set). Deleting code point k of sk
  // leaves first three c1c2c3 (k = 0), c0c2c3 (k = 1), c0c1c3 (k = 2), else c0c1c2.
  thread_local std::vector<char32_t> c;  // the code points of sk (n >= 5)
  c.clear();
  for (size_t i = 0; i < sk.size();) c.push_back(next_cp(sk, i));
  const bool head = tri_set(c[0], c[1], c[2]);
  if (head && tail_set(c[n - 3], c[n - 2], c[n - 1], n) && direct_key(hash64(sk, 1))) return true;
  // Deleting code point k leaves n - 1 code points ending c[n-3..n-1] when k < n - 3.
  const bool tail_rest = tail_set(c[n - 3], c[n - 2], c[n - 1], n - 1);
  size_t k = 0;
  for (size_t p = 0; p < sk.size(); ++k) {
    if (k >= 3 && !head) break;
    size_t q = p;
    next_cp(sk, q);
    const bool may_head = k == 0   ? tri_set(c[1], c[2], c[3])
                          : k == 1 ? tri_set(c[0], c[2], c[3])
                          : k == 2 ? tri_set(c[0], c[1], c[3])
                                   : head;
    const bool may_tail = k + 3 < n    ? tail_rest
                          : k + 3 == n ? tail_set(c[n - 4], c[n - 2], c[n - 1], n - 1)
                          : k + 2 == n ? tail_set(c[n - 4], c[n - 3], c[n - 1], n - 1)
                                       : tail_set(c[n - 4], c[n - 3], c[n - 2], n - 1);
    if (may_head && may_tail) {
      del.assign(sk, 0, p);
      del.append(sk, q, std::string::npos);
      if (direct_key(hash64(del, 1))) return true;
    }
    p = q;
  }
  return false;
}

int32_t gazetteer::variant(std::string_view folded_nospace) const {
  const std::string sk = skeleton(folded_nospace);
  const size_t n = count_cps(sk);
  if (n < 3) return -1;
  const size_t len = count_cps(folded_nospace);
  // The keys of both lookups below are computed and their slots requested first: the tables
  // are far larger than the cache, and the deletion keys' misses then overlap.
  const uint64_t whole = hash64(sk);
  skel_.prefetch(whole);
  const bool fuzzy = n >= kMinFuzzyCps && has_arabic(sk);
  thread_local std::vector<uint64_t> dk;
  dk.clear();
  if (fuzzy) {
    thread_local std::string del;  // no allocation per deletion
    dk.push_back(hash64(sk, 1));
    for (size_t p = 0; p < sk.size();) {
      size_t q = p;
      next_cp(sk, q);
      del.assign(sk, 0, p);
      del.append(sk, q, std::string::npos);
      dk.push_back(hash64(del, 1));
      p = q;
    }
    for (uint64_t k : dk) skel_del_.prefetch(k);
  }
  // Same skeleton: vowels, hamza seats and g-letters may differ freely, the rest a little.
  if (const uint32_t* a = skel_.find(whole)) {
    const int lim = static_cast<int>(std::max<size_t>(2, len / 3));
    if (edit_distance(folded_nospace, nospace_[*a], lim) <= lim)
      return static_cast<int32_t>(aliases[*a].entity);
  }
  if (!fuzzy) return -1;
  // One edit on the skeleton (a typo such as ح for ج): both sides minus one letter.
  const int lim = static_cast<int>(std::max<size_t>(1, len / 5));
  int32_t best = -1;
  int best_d = lim + 1;
  auto consider = [&](uint64_t key) {
    const uint32_t* a = skel_del_.find(key);
    if (a == nullptr) return;
    // Aliases of one entity share deletion keys, so compare skeletons (one edit apart).
    const int d = edit_distance(sk, skeleton(nospace_[*a]), 1) <= 1
                      ? edit_distance(folded_nospace, nospace_[*a], lim + 2) - 2
                      : lim + 1;
    if (d < best_d) best_d = d, best = static_cast<int32_t>(aliases[*a].entity);
  };
  for (uint64_t k : dk) consider(k);  // the whole skeleton, then each deletion, in order
  return best;
}

}  // namespace newsd::entities
