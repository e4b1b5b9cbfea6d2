#include <cstdio>
#include <string_view>

#include "connectors/charset/charset.h"
#include "connectors/extract/extract.h"
#include "daemon/cli/commands.h"
#include "daemon/dedup/dedup.h"

namespace newsd::cli {

namespace {

std::string not_html_reason(std::string_view body) {
  struct magic {
    std::string_view bytes, what;
  };
  static constexpr magic kMagic[] = {{"%PDF-", "a PDF document"},
                                     {"\x89PNG", "a PNG image"},
                                     {"GIF8", "a GIF image"},
                                     {"\xFF\xD8\xFF", "a JPEG image"},
                                     {"PK\x03\x04", "a ZIP archive"},
                                     {"\x1F\x8B", "gzip data"},
                                     {"\x7F"
                                      "ELF",
                                      "an executable"}};
  for (const auto& m : kMagic)
    if (body.substr(0, m.bytes.size()) == m.bytes)
      return std::string(m.what) + ", not an HTML page";
  // UTF-16 pages are full of NULs; their BOM says so and the extractor decodes them.
  if (body.substr(0, 2) == "\xFF\xFE" || body.substr(0, 2) == "\xFE\xFF") return "";
  std::string_view head = body.substr(0, 8192);
  size_t control = 0;
  for (unsigned char c : head)
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) ++control;
  if (!head.empty() && control * 20 > head.size())
    return "binary data (" + std::to_string(control * 100 / head.size()) +
           "% control bytes), not an HTML page";
  return "";
}

}  // namespace

void add_extract(CLI::App& app, int& exit_code) {
  auto* cmd =
      app.add_subcommand("extract", "Extract the article from one HTML page and print it as JSON");
  static std::string file, url, content_type;
  cmd->add_option("FILE", file, "HTML page (- for stdin)")->required();
  cmd->add_option("--url", url, "The page's address");
  cmd->add_option("--content-type", content_type,
                  "HTTP Content-Type it was served with (text/html or application/xhtml+xml)");
  cmd->callback([&exit_code] {
    std::string media = charset::media_type(content_type);
    // Media types that cannot hold a page are refused; any other non-HTML type
    // (text/plain, application/xml, octet-stream: servers mislabel pages) gets a
    // warning and a best effort, as the daemon gives it.
    const bool not_text = media.starts_with("image/") || media.starts_with("audio/") ||
                          media.starts_with("video/") || media.starts_with("font/") ||
                          media == "application/pdf" || media == "application/zip";
    if (not_text) {
      std::fprintf(stderr, "newsd extract: %s: content type \"%s\" is not HTML\n", file.c_str(),
                   media.c_str());
      exit_code = kExitDataErr;
      return;
    }
    if (!media.empty() && media != "text/html" && media != "application/xhtml+xml")
      std::fprintf(stderr,
                   "newsd extract: warning: %s: content type \"%s\" is not HTML; extracting "
                   "anyway\n",
                   file.c_str(), media.c_str());
    std::string effective_type = content_type;
    if (std::string cs = charset::param(content_type); !cs.empty()) {
      if (!charset::known(cs)) {
        std::fprintf(stderr,
                     "newsd extract: warning: unknown charset \"%s\" in --content-type; "
                     "detecting the page's encoding instead\n",
                     cs.c_str());
        effective_type = media;
      }
    }
    std::string body, err;
    if (!read_input(file, body, err)) {
      std::fprintf(stderr, "newsd extract: %s\n", err.c_str());
      exit_code = kExitNoInput;
      return;
    }
    if (std::string why = not_html_reason(body); !why.empty()) {
      std::fprintf(stderr, "newsd extract: %s: %s\n", file.c_str(), why.c_str());
      exit_code = kExitDataErr;
      return;
    }
    extract::options opts;
    opts.url = url;
    opts.content_type = effective_type;
    auto page = extract::extract(body, opts);
    if (!page) {
      std::fprintf(stderr, "newsd extract: %s: %s\n", file.c_str(), page.err().message.c_str());
      exit_code = kExitDataErr;
      return;
    }
    // As `process` does: without a canonical link, the canonical form of the page's URL.
    if (page->canonical_url.empty() && !page->url.empty())
      page->canonical_url = dedup::canonicalize_url(page->url);
    std::string out = extract::to_json(*page);
    out.push_back('\n');
    exit_code = write_stdout(out, "extract") ? 0 : kExitIoErr;
  });
}

}  // namespace newsd::cli
