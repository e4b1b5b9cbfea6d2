#!/usr/bin/env python3
"""Writes the Arabic extraction fixtures in this folder (NAME.html + NAME.json).

The article prose and all chrome are original text written for newsd; hosts use the
reserved .example TLD and every name is fictional. Each page's expected text is built
from the same items that render its body, so the two cannot drift apart. Re-run after
editing: python3 make_pages.py
"""
import html
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
E = lambda s: html.escape(s, quote=False)
A = lambda s: html.escape(s, quote=True)


def body(items):
    """items: ('p', text) | ('h2'/'h3'/'h4', text) | ('ul', [texts]) | ('x', raw chrome html)
    | ('pc', text, css class) -> (html, expected lines)."""
    out, lines = [], []
    for it in items:
        kind = it[0]
        if kind == 'p':
            out.append(f'<p>{E(it[1])}</p>')
            lines.append(it[1])
        elif kind == 'pc':
            out.append(f'<p class="{it[2]}">{E(it[1])}</p>')
            lines.append(it[1])
        elif kind in ('h2', 'h3', 'h4'):
            out.append(f'<{kind}>{E(it[1])}</{kind}>')
            lines.append(it[1])
        elif kind == 'ul':
            out.append('<ul>' + ''.join(f'<li>{E(t)}</li>' for t in it[1]) + '</ul>')
            lines.extend(it[1])
        elif kind == 'x':
            out.append(it[1])
        else:
            raise ValueError(kind)
    return '\n'.join(out), '\n'.join(lines)


def links(host, words, path='cat'):
    return ''.join(f'<li><a href="https://{host}/{path}/{i}">{w}</a></li>' for i, w in enumerate(words))


NAV = ['الرئيسية', 'أخبار محلية', 'عربي ودولي', 'اقتصاد', 'رياضة', 'فن وثقافة', 'منوعات', 'تكنولوجيا',
       'صحة', 'مقالات الرأي', 'فيديو', 'إنفوجراف']
FOOT = ['من نحن', 'اتصل بنا', 'أعلن معنا', 'سياسة الخصوصية', 'شروط الاستخدام', 'خريطة الموقع',
        'الأرشيف', 'RSS', 'وظائف']


def tweet(text, who, handle, when, lang='ar'):
    return (f'<blockquote class="twitter-tweet" dir="rtl"><p lang="{lang}" dir="rtl">{E(text)} '
            f'<a href="https://t.co/x1y2z3">pic.twitter.com/x1y2z3</a></p>&mdash; {E(who)} (@{handle}) '
            f'<a href="https://twitter.com/{handle}/status/17000000000">{when}</a></blockquote>'
            '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>')


def most_read(host, titles, tag='div', cls='most-read', head='الأكثر قراءة'):
    return (f'<{tag} class="{cls}"><h3>{head}</h3><ol>' +
            ''.join(f'<li><a href="https://{host}/news/{7000 + i}">{E(t)}</a></li>' for i, t in enumerate(titles)) +
            f'</ol></{tag}>')


def comments(items):
    return ('<section class="comments" id="comments"><h3>التعليقات (' + str(len(items)) + ')</h3>' +
            ''.join(f'<div class="comment"><span class="comment-author">{E(a)}</span><p>{E(t)}</p>'
                    f'<a href="#" class="reply">رد</a></div>' for a, t in items) +
            '<form class="comment-form"><textarea placeholder="أضف تعليقك"></textarea>'
            '<button>إرسال</button></form></section>')


PAGES = []


def page(name, *, url, title, text, authors, published_at, site, enc='utf-8', http_ct, declared,
         canonical=None, features, notes='', html_doc):
    PAGES.append((name, enc, html_doc, {
        'url': url, 'http_content_type': http_ct, 'encoding': enc, 'charset_declared_in': declared,
        'title': title, 'text': text, 'authors': authors, 'published_at': published_at,
        'canonical_url': canonical or url, 'site_name': site, 'language': 'ar',
        'features': features, 'notes': notes}))


def write_all():
    for name, enc, doc, meta in PAGES:
        with open(os.path.join(HERE, name + '.html'), 'wb') as f:
            f.write(doc.encode(enc, errors='xmlcharrefreplace'))
        with open(os.path.join(HERE, name + '.json'), 'w', encoding='utf-8') as f:
            json.dump(meta, f, ensure_ascii=False, indent=1)
            f.write('\n')


import sys  # noqa: E402
sys.dont_write_bytecode = True
sys.modules.setdefault('make_pages', sys.modules[__name__])
import pages_a  # noqa: E402,F401  (the page definitions register themselves)
import pages_b  # noqa: E402,F401
import pages_c  # noqa: E402,F401

if __name__ == '__main__':
    write_all()
    print(f'{len(PAGES)} pages written')
