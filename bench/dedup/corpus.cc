#include "bench/dedup/corpus.h"

#include <algorithm>
#include <cmath>

namespace newsd::bench {
namespace {

constexpr const char* kLetters[] = {"ا", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر",
                                    "ز", "س", "ش", "ص", "ض", "ط", "ظ", "ع", "غ", "ف",
                                    "ق", "ك", "ل", "م", "ن", "ه", "و", "ي", "ة", "ى"};
constexpr int kOutlets = 5;
constexpr uint32_t kCopyEvery = 10;    // ~1 article in 10 is a near copy
constexpr uint32_t kCopyReach = 3000;  // of one of the last 3000 articles

uint64_t splitmix(uint64_t& s) {
  uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

double unit(uint64_t& s) { return static_cast<double>(splitmix(s) >> 11) * 0x1.0p-53; }

// Each outlet's fixed lines: an app notice on top, a related-story footer.
std::string outlet_header(int o) {
  static const char* h[kOutlets] = {"حمل تطبيق الوكالة على هاتفك لتصلك الاخبار العاجلة",
                                    "تابعونا على قناتنا في تلغرام للمزيد من الاخبار",
                                    "اقرأ ايضا تغطيتنا الكاملة للاحداث في المنطقة",
                                    "هذا المحتوى محمي بحقوق النشر ولا يجوز نسخه",
                                    "شاهد البث المباشر لقناتنا على موقعنا الالكتروني"};
  return h[o];
}

}  // namespace

corpus::corpus(uint32_t vocabulary, double zipf_s) {
  uint64_t rng = 42;
  words_.reserve(vocabulary);
  cdf_.reserve(vocabulary);
  double sum = 0;
  for (uint32_t r = 0; r < vocabulary; ++r) {
    // Frequent words are short, as in real text: 2 letters at the top, up to 9.
    int len = 2 + std::min(7, static_cast<int>(std::log2(r + 2.0) / 2) +
                                  static_cast<int>(splitmix(rng) % 3));
    std::string w;
    for (int k = 0; k < len; ++k) w += kLetters[splitmix(rng) % 30];
    words_.push_back(std::move(w));
    sum += 1.0 / std::pow(r + 1.0, zipf_s);
    cdf_.push_back(sum);
  }
  for (double& c : cdf_) c /= sum;
}

uint32_t corpus::draw(uint64_t& rng) const {
  double u = unit(rng);
  auto it = std::lower_bound(cdf_.begin(), cdf_.end(), u);
  return static_cast<uint32_t>(std::min<size_t>(it - cdf_.begin(), cdf_.size() - 1));
}

void corpus::body(uint32_t i, std::vector<std::vector<uint32_t>>& paras) const {
  uint64_t rng = 0x5eed0000ULL + i;
  paras.clear();
  size_t bytes = 0;
  while (bytes < 2800) {  // plus boilerplate: ~3 KB
    auto& p = paras.emplace_back();
    int n = 25 + static_cast<int>(splitmix(rng) % 30);
    for (int k = 0; k < n; ++k) {
      p.push_back(draw(rng));
      bytes += words_[p.back()].size() + 1;
    }
  }
}

void corpus::make(uint32_t i, int64_t spacing_ms, model::article& a, int64_t* copy_of) const {
  uint64_t rng = 0xc0ffee00ULL ^ (uint64_t{i} << 20);
  thread_local std::vector<std::vector<uint32_t>> paras;
  int outlet = static_cast<int>(splitmix(rng) % kOutlets);
  int64_t src = -1;
  if (i > 0 && splitmix(rng) % kCopyEvery == 0) {
    src =
        static_cast<int64_t>(i) - 1 - static_cast<int64_t>(splitmix(rng) % std::min(i, kCopyReach));
    body(static_cast<uint32_t>(src), paras);
    uint64_t src_rng = 0xc0ffee00ULL ^ (static_cast<uint64_t>(src) << 20);
    int src_outlet = static_cast<int>(splitmix(src_rng) % kOutlets);
    if (outlet == src_outlet) outlet = (outlet + 1) % kOutlets;  // another outlet's boilerplate
    switch (splitmix(rng) % 4) {
      case 0:
        break;  // boilerplate swapped only
      case 1:   // tail truncated: 60-90% of the paragraphs kept
        paras.resize(std::max<size_t>(1, paras.size() * (6 + splitmix(rng) % 4) / 10));
        break;
      case 2:  // re-headlined: a new first paragraph
        paras.insert(paras.begin(), std::vector<uint32_t>{});
        for (int k = 0; k < 15; ++k) paras.front().push_back(draw(rng));
        break;
      default:  // light edits: ~3% of the words replaced
        for (auto& p : paras) {
          for (auto& w : p) {
            if (splitmix(rng) % 33 == 0) w = draw(rng);
          }
        }
    }
  } else {
    body(i, paras);
  }
  a = model::article{};
  a.source = "outlet" + std::to_string(outlet);
  a.url = "https://" + a.source + ".example/news/" + std::to_string(i);
  a.canonical_url = a.url;
  model::assign_id(a);  // 32 hex characters, as in production: memory figures depend on it
  a.published_at_ms = 1520000000000 + static_cast<int64_t>(i) * spacing_ms;
  a.text.reserve(3200);
  a.text += outlet_header(outlet);
  a.text += '\n';
  for (const auto& p : paras) {
    for (size_t k = 0; k < p.size(); ++k) {
      if (k) a.text += ' ';
      a.text += words_[p[k]];
    }
    a.text += ".\n";
  }
  if (copy_of != nullptr) *copy_of = src;
}

}  // namespace newsd::bench
