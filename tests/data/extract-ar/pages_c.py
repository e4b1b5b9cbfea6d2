"""Arabic fixture pages, part 3 (see make_pages.py): Hijri-only dates."""
from make_pages import body, links, most_read, page, NAV, FOOT

# ---------------------------------------------------------------- 13: Saudi page, Hijri date only
H = 'www.alyamama-news.example'
b, t = body([
    ('p', 'دشنت أمانة المنطقة اليوم مشروع الحدائق المفتوحة في عدد من الأحياء الشمالية، ضمن خطة تهدف إلى زيادة المساحات الخضراء وتوفير أماكن آمنة للمشي وممارسة الرياضة للسكان.'),
    ('p', 'ويشمل المشروع في مرحلته الأولى اثنتي عشرة حديقة تضم مسارات للمشاة وملاعب للأطفال ومقاعد مظللة، إضافة إلى شبكة ري حديثة تعتمد على المياه المعالجة لتقليل الاستهلاك.'),
    ('p', 'وأوضح المتحدث باسم الأمانة أن اختيار المواقع جاء بعد دراسة الكثافة السكانية وبعد الأحياء عن المتنزهات القائمة، مشيرا إلى أن الأعمال ستنتهي قبل حلول الصيف.'),
    ('p', 'ودعت الأمانة السكان إلى المشاركة في المحافظة على المرافق الجديدة، والإبلاغ عن أي أضرار عبر تطبيقها على الهواتف الذكية أو الرقم الموحد.'),
])
page('ar_13_yamama_hijri_only_utf8', url=f'https://{H}/local/12094', site='اليمامة الإخبارية',
     title='إطلاق مشروع الحدائق المفتوحة في الأحياء الشمالية', text=t,
     authors=['نورة العتيبي'], published_at='2023-03-06', http_ct='text/html; charset=utf-8', declared='meta+http',
     features=['only a Hijri date: "الاثنين 14 شعبان 1444 هـ" (Umm al-Qura: 2023-03-06)', 'no metadata dates',
               'byline "الرياض - name" in a meta-classed element', '<title> with " - site" suffix', 'most-read box'],
     html_doc=f'''<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>إطلاق مشروع الحدائق المفتوحة في الأحياء الشمالية - اليمامة الإخبارية</title>
<meta property="og:site_name" content="اليمامة الإخبارية"></head>
<body>
<div class="top"><a href="/" class="logo">اليمامة الإخبارية</a><ul class="menu">{links(H, NAV)}</ul></div>
<div class="content"><div class="article">
<h1>إطلاق مشروع الحدائق المفتوحة في الأحياء الشمالية</h1>
<div class="news-meta"><span>الرياض - نورة العتيبي</span> <span class="date">الاثنين 14 شعبان 1444 هـ</span></div>
<div class="article-body">
{b}
</div>
</div>
{most_read(H, ['افتتاح مهرجان التمور في موسمه الجديد', 'تمديد ساعات العمل في المراكز الصحية', 'انطلاق بطولة الأحياء لكرة القدم'])}
</div>
<div class="footer"><ul>{links(H, FOOT, 'page')}</ul></div>
</body></html>''')
