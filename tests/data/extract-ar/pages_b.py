"""Pages 07-12 (see make_pages.py)."""
from make_pages import A, E, FOOT, NAV, body, comments, links, most_read, page, tweet

# ---------------------------------------------------------------- 07: cp1256 without any declaration
H = 'www.alwatan-kw.example'
b, t = body([
    ('p', 'شهدت مناطق متفرقة من البلاد مساء أمس أمطارا غزيرة مصحوبة برياح نشطة، أدت إلى تجمع المياه في عدد من الطرق الرئيسية والأنفاق، وتعطل حركة السير لساعات في بعض التقاطعات.'),
    ('p', 'وأعلنت الإدارة العامة للإطفاء أن فرقها تعاملت مع أكثر من مئة وعشرين بلاغا، معظمها لمركبات متعطلة وسط المياه، من دون تسجيل إصابات بشرية خطيرة.'),
    ('p', 'وقال مراقب التنبؤات في إدارة الأرصاد الجوية إن كمية الأمطار التي هطلت في بعض المناطق تجاوزت أربعين مليمترا خلال ثلاث ساعات فقط، متوقعا استمرار فرص الأمطار الرعدية حتى مساء الغد.'),
    ('x', '<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/Cz0abc/"><a href="https://www.instagram.com/p/Cz0abc/">شاهد هذا المنشور على إنستغرام</a><p>تجمع المياه في أحد الشوارع بعد الأمطار</p></blockquote>'),
    ('p', 'ودعت وزارة الداخلية المواطنين والمقيمين إلى تجنب الخروج إلا للضرورة، والابتعاد عن الأودية ومجاري السيول، فيما قررت وزارة التربية تعليق الدراسة في المدارس ليوم واحد.'),
    ('p', 'وانتقد عدد من النواب تكرار غرق الشوارع مع كل موجة أمطار، مطالبين بمحاسبة الجهات المسؤولة عن صيانة شبكات تصريف مياه الأمطار.'),
])
page('ar_07_watan_cp1256_undeclared', url=f'https://{H}/Article.aspx?id=1029933', site='الوطن',
     title='أمطار غزيرة تغرق الطرق وتعليق الدراسة ليوم واحد', text=t, enc='windows-1256',
     authors=['فهد العنزي'], published_at='2023-12-05T04:10:00Z', http_ct='text/html', declared='none',
     features=['windows-1256 with no declaration anywhere (must be sniffed)', 'article:published_time', 'byline "كتب - name"',
               'embedded instagram post', 'weather strip', 'comments'],
     html_doc=f'''<!DOCTYPE html>
<html dir="rtl"><head>
<title>الوطن | أمطار غزيرة تغرق الطرق وتعليق الدراسة ليوم واحد</title>
<meta property="og:title" content="أمطار غزيرة تغرق الطرق وتعليق الدراسة ليوم واحد">
<meta property="article:published_time" content="2023-12-05T07:10:00+03:00">
<meta property="og:site_name" content="الوطن"></head>
<body>
<div class="header"><a href="/" class="logo">الوطن</a><div class="weather-strip">الكويت 19° | الجهراء 17° | الأحمدي 20°</div>
<ul class="nav">{links(H, NAV)}</ul></div>
<div class="page"><div class="article">
<h1>أمطار غزيرة تغرق الطرق وتعليق الدراسة ليوم واحد</h1>
<div class="by">كتب - فهد العنزي</div>
<div class="time">05/12/2023 07:10 ص</div>
<div class="share"><a href="#">مشاركة</a> <a href="#">طباعة</a></div>
<div class="article-text">
{b}
</div>
{comments([('أبو ناصر', 'كل سنة نفس المشكلة والوعود نفسها، متى نشوف حلول حقيقية للشوارع؟')])}
</div>
<div class="sidebar">{most_read(H, ['جدول مباريات الدوري الممتاز', 'رفع أسعار البنزين الممتاز ابتداء من الشهر المقبل', 'فتح باب التسجيل في الجامعة للفصل الثاني'])}</div></div>
<div class="footer"><ul>{links(H, FOOT, 'page')}</ul>© جريدة الوطن</div>
</body></html>''')

# ---------------------------------------------------------------- 08: cp1256 under a wrong Latin declaration, Maghrebi "ماي"
H = 'www.almountakhab-sport.example'
b, t = body([
    ('p', 'حسم فريق الرجاء الرياضي مواجهة الديربي أمام غريمه التقليدي الوداد بهدفين مقابل هدف واحد، في المباراة التي احتضنها ملعب محمد الخامس مساء السبت، ضمن منافسات الجولة السادسة والعشرين من البطولة الوطنية.'),
    ('p', 'وافتتح الرجاء التسجيل في الدقيقة الثامنة عشرة عبر ضربة رأسية من مدافعه إثر ركنية محكمة، قبل أن يعادل الوداد النتيجة في بداية الشوط الثاني من ضربة جزاء أثارت احتجاجات لاعبي الفريق الأخضر.'),
    ('p', 'وواصل الفريقان تبادل الهجمات في الدقائق الأخيرة، إلى أن تمكن البديل الشاب من خطف هدف الفوز في الدقيقة السابعة والثمانين بتسديدة قوية من خارج منطقة الجزاء.'),
    ('h2', 'أجواء احتفالية في المدرجات'),
    ('p', 'وعرفت المباراة حضورا جماهيريا كبيرا تجاوز أربعين ألف متفرج، ورفعت الجماهير لوحات فنية ضخمة قبل صافرة البداية، في أجواء وصفتها الصحافة المحلية بالاستثنائية.'),
    ('p', 'وبهذا الفوز رفع الرجاء رصيده إلى اثنتين وخمسين نقطة في المركز الثاني، بفارق ثلاث نقاط عن المتصدر، فيما تجمد رصيد الوداد عند ثمان وأربعين نقطة.'),
])
page('ar_08_montakhab_cp1256_wrong_latin1', url=f'https://{H}/article/derby-raja-wydad', site='المنتخب',
     title='الرجاء يفوز بالديربي ويضيق الخناق على المتصدر', text=t, enc='windows-1256',
     authors=['يوسف بنعلي'], published_at='2023-05-13', http_ct='text/html', declared='meta (wrong: iso-8859-1)',
     features=['windows-1256 bytes under <meta charset="iso-8859-1"> (CMS default left in the template)',
               'Maghrebi month "ماي" in the only date ("السبت 13 ماي 2023 - 23:40")', 'byline "بقلم: …"',
               'h2 subheading', 'live-scores widget', 'standings table in the sidebar'],
     notes='Decoding as the declared charset gives mojibake; the page text is Arabic (lang=ar).',
     html_doc=f'''<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="iso-8859-1">
<title>الرجاء يفوز بالديربي ويضيق الخناق على المتصدر - المنتخب</title></head>
<body>
<div id="top"><a href="/" id="logo">المنتخب</a><ul class="menu">{links(H, ['الرئيسية', 'البطولة', 'المنتخب الوطني', 'محترفون', 'كرة عالمية', 'رياضات أخرى'])}</ul></div>
<div class="live-scores"><b>نتائج مباشرة</b> الجيش الملكي 1 - 0 الفتح | حسنية أكادير 2 - 2 المغرب الفاسي | نهضة بركان 3 - 1 أولمبيك آسفي</div>
<div id="wrap"><div class="col-main">
<h1 class="titre">الرجاء يفوز بالديربي ويضيق الخناق على المتصدر</h1>
<p class="auteur">بقلم: يوسف بنعلي</p>
<p class="date-pub">السبت 13 ماي 2023 - 23:40</p>
<div class="texte">
{b}
</div>
<div class="partage">مشاركة : <a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
</div>
<div class="col-side"><h3>الترتيب</h3><table><tr><td>1</td><td>الجيش الملكي</td><td>55</td></tr><tr><td>2</td><td>الرجاء الرياضي</td><td>52</td></tr><tr><td>3</td><td>الوداد الرياضي</td><td>48</td></tr></table></div></div>
<div id="footer">{' - '.join(f'<a href="/p/{i}">{w}</a>' for i, w in enumerate(FOOT))}</div>
</body></html>''')

# ---------------------------------------------------------------- 09: English quote in the body, related list, source line
H = 'www.arriyadh-tech.example'
b, t = body([
    ('p', 'اختتمت في الرياض أعمال المؤتمر الدولي للذكاء الاصطناعي بمشاركة أكثر من ثلاثمائة متحدث من خمسين دولة، وسط إعلانات عن استثمارات جديدة في مراكز البيانات والحوسبة السحابية في المملكة.'),
    ('p', 'وقالت الرئيسة التنفيذية لإحدى شركات الرقائق الآسيوية في كلمتها الختامية: "The region is no longer just a customer of this technology, it is becoming a builder"، مضيفة أن شركتها تدرس افتتاح مكتب إقليمي في العاصمة السعودية العام المقبل.'),
    ('p', 'وأعلنت جهات حكومية وشركات خاصة خلال المؤتمر عن اتفاقيات تتجاوز قيمتها عشرة مليارات دولار، تشمل إنشاء مراكز بيانات تعمل بالطاقة المتجددة وبرامج لتدريب عشرين ألف مبرمج سعودي.'),
    ('x', tweet('Great conversations in Riyadh today about AI infrastructure and talent.', 'Tech Daily', 'techdaily_ex', 'November 8, 2023', 'en')),
    ('p', 'وناقشت جلسات المؤتمر قضايا أخلاقيات الذكاء الاصطناعي وحماية البيانات الشخصية، إلى جانب استخدامات النماذج اللغوية العربية في التعليم والخدمات الحكومية.'),
    ('p', 'وأكد رئيس اللجنة المنظمة أن النسخة المقبلة ستعقد في الموعد نفسه من العام القادم، مع تخصيص مساحة أكبر للشركات الناشئة التي تضاعف عددها في المعرض المصاحب.'),
])
ld = ('{"@context":"https://schema.org","@graph":[{"@type":"WebPage","@id":"https://www.arriyadh-tech.example/news/ai-conference-closes","name":"الرياض تقنية"},'
      '{"@type":"NewsArticle","headline":"ختام مؤتمر الذكاء الاصطناعي في الرياض باتفاقيات تتجاوز 10 مليارات دولار",'
      '"datePublished":"2023-11-08T18:40:00+03:00","author":{"@type":"Organization","name":"الرياض تقنية"}}]}')
page('ar_09_riyadh_english_quote_utf8', url=f'https://{H}/news/ai-conference-closes?ref=home', canonical=f'https://{H}/news/ai-conference-closes',
     site='الرياض تقنية', title='ختام مؤتمر الذكاء الاصطناعي في الرياض باتفاقيات تتجاوز 10 مليارات دولار', text=t,
     authors=[], published_at='2023-11-08T15:40:00Z', http_ct='text/html; charset=utf-8', declared='meta+http',
     features=['short English quote inside an Arabic paragraph (body)', 'English tweet (chrome)',
               'JSON-LD @graph with Organization author', 'credit line "المصدر: رويترز"', 'related list with excerpts', 'breadcrumbs',
               'numeric date "08/11/2023"'],
     html_doc=f'''<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>ختام مؤتمر الذكاء الاصطناعي في الرياض باتفاقيات تتجاوز 10 مليارات دولار | الرياض تقنية</title>
<meta property="og:title" content="ختام مؤتمر الذكاء الاصطناعي في الرياض باتفاقيات تتجاوز 10 مليارات دولار">
<link rel="canonical" href="https://{H}/news/ai-conference-closes">
<script type="application/ld+json">{ld}</script></head>
<body>
<header><a class="brand" href="/">الرياض تقنية</a><nav><ul>{links(H, ['الرئيسية', 'أخبار', 'شركات ناشئة', 'ذكاء اصطناعي', 'هواتف', 'ألعاب', 'مراجعات'])}</ul></nav></header>
<ol class="breadcrumb"><li><a href="/">الرئيسية</a></li><li><a href="/news">أخبار</a></li><li>ذكاء اصطناعي</li></ol>
<div class="content-wrap"><div class="post">
<h1 class="entry-title">ختام مؤتمر الذكاء الاصطناعي في الرياض باتفاقيات تتجاوز 10 مليارات دولار</h1>
<div class="entry-meta"><span class="date">08/11/2023</span> · <span>4 دقائق للقراءة</span></div>
<div class="entry-content">
{b}
<p class="credit">المصدر: رويترز</p>
</div>
<section class="related-posts"><h3>مقالات ذات صلة</h3>
<div class="rp"><a href="/news/chips-plant">شركة عالمية تبني مصنعا للرقائق في المنطقة</a><p>يتوقع أن يبدأ الإنتاج في المصنع خلال عامين بطاقة متوسطة.</p></div>
<div class="rp"><a href="/news/arabic-llm">إطلاق نموذج لغوي عربي مفتوح المصدر</a><p>دُرّب النموذج على مليارات الكلمات من النصوص العربية الفصحى واللهجات.</p></div>
<div class="rp"><a href="/news/cloud-region">منطقة سحابية جديدة تدخل الخدمة في جدة</a><p>تقدم المنطقة خدمات التخزين والحوسبة للشركات والجهات الحكومية.</p></div></section>
</div></div>
<footer><ul>{links(H, FOOT, 'page')}</ul><p>© 2023 الرياض تقنية</p></footer>
</body></html>''')

# ---------------------------------------------------------------- 10: opinion column, Hijri first
H = 'www.alrai-alaam.example'
b, t = body([
    ('p', 'لم يعد الحديث عن تنويع مصادر الدخل ترفا فكريا تتداوله الندوات الاقتصادية، بل صار ضرورة تفرضها تقلبات أسواق النفط التي شهدنا آثارها على الموازنات العامة أكثر من مرة خلال العقدين الأخيرين.'),
    ('p', 'والمتابع لتجارب الدول التي نجحت في هذا المسار يلاحظ أنها بدأت من التعليم قبل المصانع، ومن تمكين الشباب قبل بناء المناطق الحرة، فالاستثمار في الإنسان هو الذي يصنع الفارق حين تنضب الموارد أو تتراجع أسعارها.'),
    ('p', 'ولعل أبرز ما نحتاجه اليوم هو تبسيط الإجراءات أمام المشاريع الصغيرة والمتوسطة، فصاحب الفكرة الذي ينتظر شهورا للحصول على ترخيص بسيط سيبحث عن بلد آخر يحتضن مشروعه ويوفر عليه الوقت والجهد.'),
    ('p', 'كما أن القطاع الخاص مطالب بأن يتحمل نصيبه من المسؤولية، بأن يستوعب الكفاءات الوطنية ويستثمر في البحث والتطوير، بدل الاكتفاء بالاستيراد وإعادة البيع.'),
    ('p', 'إن الطريق طويل ولا شك، لكن البداية الصحيحة نصف النجاح، والأجيال القادمة ستحاسبنا على ما نزرعه اليوم لا على ما ورثناه بالأمس.'),
])
page('ar_10_rai_opinion_hijri_first', url=f'https://{H}/opinion/columnists/22871', site='الرأي العام',
     title='تنويع الاقتصاد يبدأ من الإنسان', text=t,
     authors=['خالد السعدي'], published_at='2023-10-12', http_ct='text/html; charset=utf-8', declared='meta+http',
     features=['opinion column', 'byline "بقلم: د. …" with the writer photo', 'Hijri date first: "الخميس 27 ربيع الأول 1445 هـ الموافق 12 أكتوبر 2023 م"',
               'no metadata dates', '<title> with " | site" suffix', 'writer bio box "عن الكاتب"', 'other columns by the writer', 'font-size tools'],
     html_doc=f'''<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>تنويع الاقتصاد يبدأ من الإنسان | الرأي العام</title>
<meta property="og:title" content="تنويع الاقتصاد يبدأ من الإنسان | الرأي العام">
<meta name="author" content="د. خالد السعدي"></head>
<body>
<div class="site-top"><a href="/" class="logo">الرأي العام</a><ul class="menu">{links(H, NAV)}</ul></div>
<div class="main"><div class="column-page">
<div class="writer-box"><img src="/writers/khaled.jpg" alt="د. خالد السعدي"><span class="writer-name">بقلم: د. خالد السعدي</span></div>
<h1>تنويع الاقتصاد يبدأ من الإنسان</h1>
<div class="pub-date">الخميس 27 ربيع الأول 1445 هـ الموافق 12 أكتوبر 2023 م</div>
<div class="tools"><a href="#">A+</a> <a href="#">A-</a> <a href="#">طباعة</a></div>
<div class="column-text">
{b}
</div>
<div class="about-writer"><h3>عن الكاتب</h3><p>أستاذ الاقتصاد في جامعة الخليج، له عدة مؤلفات في التنمية والسياسات المالية، ويكتب عمودا أسبوعيا في الرأي العام منذ عام 2015.</p></div>
<div class="more-by"><h3>مقالات أخرى للكاتب</h3><ul><li><a href="/opinion/columnists/22790">الموازنة بين الإنفاق والادخار</a></li><li><a href="/opinion/columnists/22711">حين تتكلم الأرقام</a></li><li><a href="/opinion/columnists/22650">الاقتصاد الأخضر فرصة لا عبء</a></li></ul></div>
<p class="disclaimer">المقالات المنشورة تعبر عن آراء كتابها ولا تعبر بالضرورة عن رأي الصحيفة.</p>
</div></div>
<div class="footer"><ul>{links(H, FOOT, 'page')}</ul></div>
</body></html>''')

# ---------------------------------------------------------------- 11: sports, UTF-8 Arabic-Indic digits, in-body list
H = 'www.alfayhaa-sport.example'
indic = lambda s: s.translate(str.maketrans('0123456789', '٠١٢٣٤٥٦٧٨٩'))
b, t = body([
    ('p', 'أعلن المدير الفني للمنتخب الوطني لكرة القدم قائمة اللاعبين المستدعين لخوض المعسكر التدريبي المقبل، استعدادا للمباراتين الوديتين المقررتين خلال فترة التوقف الدولي الشهر الجاري.'),
    ('p', 'وضمت القائمة ثلاثة وعشرين لاعبا، بينهم خمسة وجوه جديدة تألقت في الدوري المحلي هذا الموسم، فيما غاب عنها قائد الفريق بسبب إصابة في الركبة يتوقع أن تبعده عن الملاعب شهرا على الأقل.'),
    ('h3', 'أبرز الوجوه الجديدة في القائمة:'),
    ('ul', ['حارس المرمى الشاب علاء الدين حمدان من نادي الوحدة', 'المدافع طارق السيد من نادي الجيش',
            'لاعب الوسط مازن القاسم من نادي تشرين', 'المهاجم رامي الحلبي من نادي الكرامة']),
    ('p', 'وقال المدرب في مؤتمر صحفي إن اختياراته استندت إلى الجاهزية البدنية والفنية للاعبين، مؤكدا أن الباب ما زال مفتوحا أمام كل لاعب يقدم مستوى مميزا مع ناديه.'),
    ('p', 'ويلتقي المنتخب في المباراة الأولى نظيره العُماني على ملعب العباسيين، قبل أن يسافر لمواجهة المنتخب الكويتي بعد أربعة أيام.'),
])
page('ar_11_fayhaa_sport_indic_utf8', url=f'https://{H}/football/national-team-squad', site='الفيحاء الرياضي',
     title='المنتخب يعلن قائمته للمعسكر المقبل بخمسة وجوه جديدة', text=t,
     authors=['سامر الخطيب'], published_at='2023-11-03', http_ct='text/html; charset=UTF-8', declared='meta+http',
     features=['Arabic-Indic digits in UTF-8 with Levantine month ("٠٣ تشرين الثاني ٢٠٢٣ - ١٨:٤٥")', 'no metadata dates',
               'byline "دمشق - name"', 'list inside the article (body)', 'h3 subheading', 'prayer-time widget', 'match-centre widget', 'tags'],
     html_doc=f'''<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="UTF-8">
<title>المنتخب يعلن قائمته للمعسكر المقبل بخمسة وجوه جديدة - الفيحاء الرياضي</title>
<meta property="og:title" content="المنتخب يعلن قائمته للمعسكر المقبل بخمسة وجوه جديدة"></head>
<body>
<header class="hdr"><a class="logo" href="/">الفيحاء الرياضي</a><ul class="nav">{links(H, ['الرئيسية', 'كرة محلية', 'المنتخبات', 'كرة عربية', 'كرة عالمية', 'سلة', 'ألعاب أخرى'])}</ul></header>
<div class="match-centre"><h4>مركز المباريات</h4><ul><li>الجيش {indic('2')} - {indic('1')} الوحدة</li><li>تشرين {indic('0')} - {indic('0')} حطين</li><li>الكرامة {indic('3')} - {indic('2')} الفتوة</li></ul></div>
<div class="layout"><div class="news-details">
<h1>المنتخب يعلن قائمته للمعسكر المقبل بخمسة وجوه جديدة</h1>
<div class="details-meta"><span>دمشق - سامر الخطيب</span> <span class="t">{indic('03 تشرين الثاني 2023 - 18:45')}</span></div>
<div class="details-img"><img src="/img/squad.jpg" alt=""><span class="caption">لاعبو المنتخب خلال حصة تدريبية سابقة</span></div>
<div class="details-body">
{b}
</div>
<div class="tags">وسوم: <a href="/tag/1">المنتخب الوطني</a> <a href="/tag/2">معسكر تدريبي</a></div>
</div>
<div class="side"><div class="prayer-times"><h4>مواقيت الصلاة</h4><p>الفجر {indic('04:52')} الظهر {indic('11:38')} العصر {indic('14:40')} المغرب {indic('17:05')} العشاء {indic('18:22')}</p></div>
{most_read(H, ['موعد مباراة المنتخب والقنوات الناقلة', 'نتائج الجولة الخامسة من الدوري الممتاز', 'انتقال لاعب الوحدة إلى الدوري العراقي'])}</div></div>
<footer><ul>{links(H, FOOT, 'page')}</ul></footer>
</body></html>''')

# ---------------------------------------------------------------- 12: Tunisian, "أوت", caption paragraph, newsletter
H = 'www.tunis-alan.example'
b, t = body([
    ('p', 'تعيش أغلب ولايات البلاد منذ أيام على وقع موجة حر استثنائية، تجاوزت فيها درجات الحرارة القصوى ثمانية وأربعين درجة في بعض مناطق الوسط والجنوب، وفق ما أعلنه المعهد الوطني للرصد الجوي.'),
    ('p', 'ودعت وزارة الصحة المواطنين إلى تجنب التعرض المباشر لأشعة الشمس بين منتصف النهار والساعة الرابعة بعد الظهر، والإكثار من شرب الماء، مع إيلاء عناية خاصة بالأطفال وكبار السن والمصابين بأمراض مزمنة.'),
    ('x', '<div class="photo"><img src="/uploads/heat.jpg" alt=""><p class="photo-caption">(صورة: أرشيف) مصطافون على أحد شواطئ الحمامات</p></div>'),
    ('p', 'وشهدت عدة أحياء انقطاعات متكررة في التيار الكهربائي ومياه الشرب بسبب ارتفاع الاستهلاك، ما دفع الشركة التونسية للكهرباء والغاز إلى دعوة الحرفاء لترشيد استعمال المكيفات في ساعات الذروة.'),
    ('p', 'كما اندلعت حرائق في غابات بولايتي جندوبة وباجة، تمكنت وحدات الحماية المدنية من السيطرة على أغلبها، فيما تتواصل جهود إخماد حريق بمرتفعات عين دراهم بمساعدة طائرات إطفاء.'),
    ('p', 'ويتوقع خبراء الرصد الجوي أن تتراجع درجات الحرارة تدريجيا بداية من نهاية الأسبوع، مع ظهور سحب رعدية محلية بالمرتفعات الغربية.'),
])
page('ar_12_tunis_aout_caption_utf8', url=f'https://{H}/actualites/societe/canicule-aout', site='تونس الآن',
     title='موجة حر استثنائية وحرارة تتجاوز 48 درجة', text=t,
     authors=['منية الحمامي'], published_at='2023-08-17', http_ct='text/html; charset=utf-8', declared='meta+http',
     features=['Maghrebi month "أوت" in "نشر في 17 أوت 2023 على الساعة 15:20"', 'photo caption paragraph inside the body div (chrome)',
               'byline "بقلم: …"', 'social follow box "تابعونا على"', 'weather widget', 'French URL slug', 'og:title with " - site" suffix'],
     html_doc=f'''<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>موجة حر استثنائية وحرارة تتجاوز 48 درجة - تونس الآن</title>
<meta property="og:title" content="موجة حر استثنائية وحرارة تتجاوز 48 درجة - تونس الآن">
<meta property="og:site_name" content="تونس الآن"></head>
<body>
<div class="topbar"><span>الخميس 17 أوت 2023</span> <div class="meteo">تونس 41° | صفاقس 39° | قفصة 47°</div></div>
<div class="head"><a href="/" class="logo">تونس الآن</a><ul class="menu">{links(H, ['الرئيسية', 'وطنية', 'جهات', 'اقتصاد', 'رياضة', 'ثقافة', 'عالمية'])}</ul></div>
<div class="container"><div class="article-main">
<h1 class="article-title">موجة حر استثنائية وحرارة تتجاوز 48 درجة</h1>
<div class="article-meta">بقلم: منية الحمامي <span class="sep">|</span> نشر في 17 أوت 2023 على الساعة 15:20</div>
<div class="article-text">
{b}
</div>
<div class="follow-us"><p>تابعونا على فيسبوك وتويتر وإنستغرام لمتابعة آخر الأخبار لحظة بلحظة.</p></div>
<div class="partage">مشاركة : <a href="#">فيسبوك</a> <a href="#">تويتر</a></div>
</div>
<div class="aside-news">{most_read(H, ['نتائج الدورة الرئيسية للباكالوريا', 'الترجي يتعاقد مع مهاجم جديد', 'ارتفاع أسعار الخضر في الأسواق البلدية'])}</div></div>
<div class="foot"><ul>{links(H, FOOT, 'page')}</ul></div>
</body></html>''')
