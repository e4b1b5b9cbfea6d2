#pragma once
// Helpers of the tagger: model lookup, URL tokens, currency words, sentence ends.
#include <string>
#include <string_view>
#include <vector>

#include "daemon/entities/features.h"
#include "daemon/entities/gazetteer.h"
#include "daemon/entities/utf8.h"

namespace newsd::entities {

constexpr const char* kGazetteer = "gazetteer.bin";
constexpr const char* kArabic = "ner-ar.bin";
constexpr const char* kEnglish = "ner-en.bin";
// Optional second-pass (document features) Arabic model, trained with --doc-window kDocWindow.
constexpr const char* kArabicDoc = "ner-ar-doc.bin";
constexpr size_t kDocWindow = 8;

// The first directory of the search order holding the three model files ("" if none; the
// directories tried are appended to *tried).
std::string find_models_dir(const std::string& configured, std::string* tried);

// Tokens inside a URL or e-mail address.
std::vector<bool> url_tokens(std::string_view text, const std::vector<token>& toks);

// The load error of a model file whose first 8 bytes (`head`) are not `magic`: a newsd file of
// another format version (same first 6 bytes, e.g. NWSNER02 against NWSNER03) says which format
// it is and how to get the right one; anything else is "not a newsd <what>".
std::string format_error(std::string_view component, std::string_view what, std::string_view head,
                         std::string_view magic, const std::string& path);

bool is_currency(std::string_view folded);
bool starts_word(std::string_view t);
bool is_sentence_end(std::string_view t);

// Output filters for what the corpus conventions tag but a reader would not call an entity:
// an indefinite direction adjective (شمالية: كورية شمالية is North Korean, the country takes
// the article), and the adjective of a country name (روسي, الكورية), unless the word is itself
// a country name (سورية).
bool direction_adjective(std::string_view stem);
bool nationality_adjective(const word_info& w, const gazetteer& g);

}  // namespace newsd::entities
