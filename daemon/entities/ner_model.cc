#include "daemon/entities/ner_model.h"

#include <zlib.h>

#if defined(__SSE__)
#include <xmmintrin.h>
#endif

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>

#include "daemon/entities/tagger_util.h"

namespace newsd::entities {

namespace {

constexpr char kMagic[8] = {'N', 'W', 'S', 'N', 'E', 'R', '0', '3'};

void put_varint(std::string& o, uint64_t v) {
  while (v >= 0x80) {
    o += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  o += static_cast<char>(v);
}

bool get_varint(std::string_view d, size_t& p, uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (p >= d.size()) return false;
    const auto b = static_cast<unsigned char>(d[p++]);
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (b < 0x80) return true;
  }
  return false;
}

bool allowed(int prev, int cur) {  // prev = -1 at sentence start
  if (!is_inside(cur)) return true;
  return prev >= 0 && prev != 0 && label_type(prev) == label_type(cur);
}

}  // namespace

status ner_model::save(const std::string& path) const {
  float maxw = 1e-9f;
  for (float x : w) maxw = std::max(maxw, std::fabs(x));
  const float scale = 32000.0f / maxw;
  std::string raw;
  raw.append(reinterpret_cast<const char*>(&bits), 4);
  raw.append(reinterpret_cast<const char*>(&scale), 4);
  raw.append(reinterpret_cast<const char*>(trans), sizeof(trans));
  raw.append(reinterpret_cast<const char*>(start), sizeof(start));
  put_varint(raw, vocab.size());
  for (const auto& v : vocab) {
    put_varint(raw, v.size());
    raw += v;
  }
  lex.serialise(raw);
  // Rows: delta-coded row index, a label mask, then the non-zero int16 weights.
  uint64_t last = 0;
  const size_t rows = size_t{1} << bits;
  for (size_t r = 0; r < rows; ++r) {
    int16_t q[kNumLabels];
    uint32_t mask = 0;
    for (int l = 0; l < kNumLabels; ++l) {
      q[l] = static_cast<int16_t>(std::lround(w[r * kNumLabels + l] * scale));
      if (q[l] != 0) mask |= 1u << l;
    }
    if (mask == 0) continue;
    put_varint(raw, r - last + 1);
    last = r;
    put_varint(raw, mask);
    for (int l = 0; l < kNumLabels; ++l)
      if (mask & (1u << l)) raw.append(reinterpret_cast<const char*>(&q[l]), 2);
  }
  put_varint(raw, 0);
  uLongf zlen = compressBound(raw.size());
  std::string z(zlen, '\0');
  if (compress2(reinterpret_cast<Bytef*>(z.data()), &zlen,
                reinterpret_cast<const Bytef*>(raw.data()), raw.size(), 9) != Z_OK)
    return make_error(errc::internal, "ner model: compression failed");
  z.resize(zlen);
  std::ofstream f(path, std::ios::binary);
  f.write(kMagic, 8);
  const uint64_t rawlen = raw.size();
  f.write(reinterpret_cast<const char*>(&rawlen), 8);
  f.write(z.data(), static_cast<std::streamsize>(z.size()));
  if (!f) return make_error(errc::io, "ner model: cannot write " + path);
  return ok_status();
}

result<ner_model> ner_model::load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return make_error(errc::not_found, "ner model: cannot open " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  const std::string file = ss.str();
  if (file.size() < 16 || std::memcmp(file.data(), kMagic, 8) != 0)
    return make_error(errc::invalid_input,
                      format_error("ner model", "model", std::string_view(file).substr(0, 8),
                                   std::string_view(kMagic, 8), path));
  uint64_t rawlen = 0;
  std::memcpy(&rawlen, file.data() + 8, 8);
  if (rawlen > (1ULL << 31)) return make_error(errc::invalid_input, "ner model: bad header");
  std::string raw(rawlen, '\0');
  uLongf out = rawlen;
  if (uncompress(reinterpret_cast<Bytef*>(raw.data()), &out,
                 reinterpret_cast<const Bytef*>(file.data() + 16), file.size() - 16) != Z_OK ||
      out != rawlen)
    return make_error(errc::invalid_input, "ner model: corrupt data in " + path);
  auto bad = [&] { return make_error(errc::invalid_input, "ner model: truncated " + path); };
  ner_model m;
  float scale = 1;
  const size_t head = 8 + sizeof(m.trans) + sizeof(m.start);
  if (raw.size() < head) return bad();
  std::memcpy(&m.bits, raw.data(), 4);
  std::memcpy(&scale, raw.data() + 4, 4);
  std::memcpy(m.trans, raw.data() + 8, sizeof(m.trans));
  std::memcpy(m.start, raw.data() + 8 + sizeof(m.trans), sizeof(m.start));
  if (m.bits < 8 || m.bits > 24 || !(scale > 0)) return bad();
  size_t p = head;
  uint64_t nv = 0, len = 0;
  if (!get_varint(raw, p, nv) || nv > raw.size()) return bad();
  m.vocab.resize(nv);
  for (auto& v : m.vocab) {
    if (!get_varint(raw, p, len) || p + len > raw.size()) return bad();
    v.assign(raw, p, len);
    p += len;
  }
  if (!m.lex.deserialise(raw, p)) return bad();
  const size_t rows = size_t{1} << m.bits;
  std::vector<uint32_t> row_ids;
  std::vector<int16_t> row_w;
  uint64_t r = 0, delta = 0, mask = 0;
  bool first = true;
  while (true) {
    if (!get_varint(raw, p, delta)) return bad();
    if (delta == 0) break;
    r = first ? delta - 1 : r + delta - 1;
    first = false;
    if (r >= rows || !get_varint(raw, p, mask)) return bad();
    row_ids.push_back(static_cast<uint32_t>(r));
    for (int l = 0; l < kNumLabels; ++l) {
      int16_t q = 0;
      if (mask & (1u << l)) {
        if (p + 2 > raw.size()) return bad();
        std::memcpy(&q, raw.data() + p, 2);
        p += 2;
      }
      row_w.push_back(q);
    }
  }
  // Load factor under one half keeps probes short.
  size_t cap = 16;
  while (cap < row_ids.size() * 2 + 1) cap <<= 1;
  m.slot_mask_ = static_cast<uint32_t>(cap - 1);
  m.present_.assign(std::max<size_t>(1, rows / 64), 0);
  for (uint32_t id : row_ids) m.present_[id >> 6] |= uint64_t{1} << (id & 63);
  m.slot_row_.assign(cap, kEmpty);
  m.slot_w_.assign(cap * kNumLabels, 0);
  for (size_t k = 0; k < row_ids.size(); ++k) {
    uint32_t s = m.slot_of(row_ids[k]);
    while (m.slot_row_[s] != kEmpty) s = (s + 1) & m.slot_mask_;
    m.slot_row_[s] = row_ids[k];
    std::memcpy(&m.slot_w_[size_t{s} * kNumLabels], &row_w[k * kNumLabels],
                kNumLabels * sizeof(int16_t));
  }
  m.used_ = row_ids.size();
  m.vt_ = m.make_viterbi_tables();
  m.vt_ready_ = true;
  m.inv_scale_ = 1.0f / scale;
  return m;
}

ner_model::viterbi_tables ner_model::make_viterbi_tables() const {
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  viterbi_tables t;
  for (int l = 0; l < 12; ++l) {
    t.start[l] = l < kNumLabels && allowed(-1, l) ? start[l] : kNeg;
    for (int p = 0; p < kNumLabels; ++p)
      t.trans[p][l] = l < kNumLabels && allowed(p, l) ? trans[p][l] : kNeg;
  }
  return t;
}

std::vector<int> viterbi(const std::vector<float>& em, size_t n, const ner_model& m) {
  std::vector<int> out;
  viterbi(em, n, m, out);
  return out;
}

void viterbi(const std::vector<float>& em, size_t n, const ner_model& m, std::vector<int>& out) {
  out.assign(n, 0);
  if (n == 0) return;
  constexpr float kNeg = -std::numeric_limits<float>::infinity();
  ner_model::viterbi_tables built;
  const ner_model::viterbi_tables* vt = m.loaded_tables();
  if (vt == nullptr) built = m.make_viterbi_tables(), vt = &built;
  // Forward pass vectorised over the 9 target labels (3 x 4 lanes, padding lanes -inf):
  // alpha_i[l] = max_p(alpha_{i-1}[p] + tr[p][l]) + e_i[l]. Only maxima are kept (one max
  // per lane and predecessor); the backward pass recomputes each back-pointer for the one
  // label it follows, taking the first p with the strictly greatest score, exactly as a
  // scalar scan that records back-pointers would. Disallowed transitions are -inf.
  typedef float v4f __attribute__((vector_size(16)));
  constexpr int kLanes = 12, kVecs = kLanes / 4;
  const auto& trp = vt->trans;
  thread_local std::vector<float> alpha_buf;
  alpha_buf.resize(n * kLanes + 4);
  // 16-byte aligned rows
  float* alpha = alpha_buf.data();
  while (reinterpret_cast<uintptr_t>(alpha) % 16 != 0) ++alpha;
  for (int l = 0; l < kLanes; ++l) alpha[l] = l < kNumLabels ? em[l] + vt->start[l] : kNeg;
  for (size_t i = 1; i < n; ++i) {
    const float* prev = alpha + (i - 1) * kLanes;
    float* cur = alpha + i * kLanes;
    // The maximum over the 9 predecessors as a tree (depth 4, not a chain of 8: this loop is
    // bound by the latency of the max chain); max is exact, so the order does not matter.
    auto vmax = [](v4f a, v4f b) {
#if defined(__SSE__)
      return static_cast<v4f>(_mm_max_ps(a, b));
#else
      return b > a ? b : a;
#endif
    };
    v4f best[kVecs];
    for (int v = 0; v < kVecs; ++v) {
      v4f c[kNumLabels];
      for (int p = 0; p < kNumLabels; ++p) {
        v4f t;
        std::memcpy(&t, &trp[p][4 * v], sizeof(t));
        c[p] = prev[p] + t;
      }
      best[v] = vmax(vmax(vmax(c[0], c[1]), vmax(c[2], c[3])),
                     vmax(vmax(c[4], c[5]), vmax(vmax(c[6], c[7]), c[8])));
    }
    std::memcpy(cur, best, sizeof(best));
    const float* e = &em[i * kNumLabels];
    for (int l = 0; l < kNumLabels; ++l) cur[l] += e[l];
  }
  const float* last = alpha + (n - 1) * kLanes;
  int best = 0;
  for (int l = 1; l < kNumLabels; ++l)
    if (last[l] > last[best]) best = l;
  for (size_t i = n; i-- > 0;) {
    out[i] = best;
    if (i == 0) break;
    const float* prev = alpha + (i - 1) * kLanes;
    int arg = 0;
    float top = prev[0] + trp[0][best];
    for (int p = 1; p < kNumLabels; ++p) {
      const float s = prev[p] + trp[p][best];
      if (s > top) top = s, arg = p;
    }
    best = arg;
  }
}

}  // namespace newsd::entities
