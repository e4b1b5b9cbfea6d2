"""Pages 01-06 (see make_pages.py)."""
from make_pages import A, E, FOOT, NAV, body, comments, links, most_read, page, tweet

# ---------------------------------------------------------------- 01: Egyptian div soup
H = 'www.alsabah-almasri.example'
b, t = body([
    ('p', 'بدأت الهيئة القومية للأنفاق صباح اليوم الثلاثاء التشغيل التجريبي للمرحلة الجديدة من الخط الثالث لمترو الأنفاق، والتي تربط منطقة وسط القاهرة بالأحياء الغربية للعاصمة، وذلك بعد أشهر من أعمال التجهيز والاختبارات الفنية.'),
    ('p', 'وقال مصدر مسؤول بالهيئة إن القطارات ستعمل خلال الأسبوع الأول دون ركاب، على أن يُفتح الخط أمام الجمهور تدريجيا بعد التأكد من كفاءة أنظمة الإشارات والتحكم والتهوية داخل المحطات الجديدة.'),
    ('x', '<div class="read-more-inline"><strong>اقرأ أيضا:</strong> <a href="https://www.alsabah-almasri.example/story/551200">وزير النقل يتفقد محطات القطار الكهربائي السريع ويوجه بسرعة الانتهاء من الأعمال</a></div>'),
    ('p', 'وأضاف المصدر أن المرحلة تضم خمس محطات، من بينها محطتان تبادليتان مع خطوط الحافلات الكهربائية، مشيرا إلى أن زمن الرحلة من ميدان العتبة إلى نهاية الخط لن يتجاوز خمسا وعشرين دقيقة.'),
    ('p', 'وأوضح أن سعر التذكرة سيخضع لنظام المناطق المعمول به حاليا، وأن الاشتراكات الشهرية للطلاب وكبار السن ستسري على المحطات الجديدة فور افتتاحها رسميا.'),
    ('x', '<p><b>اقرأ أيضا: </b><a href="https://www.alsabah-almasri.example/story/551187">زحام شديد على شبابيك التذاكر.. ومصدر يكشف موعد تطبيق الكارت الموحد</a></p>'),
    ('p', 'ومن المتوقع أن يخدم الامتداد الجديد نحو ثلاثمائة ألف راكب يوميا، وأن يخفف الضغط عن المحاور المرورية الرئيسية التي تشهد تكدسا في ساعات الذروة، بحسب دراسات الهيئة.'),
    ('p', 'وكانت الحكومة قد أعلنت العام الماضي خطة لاستكمال شبكة المترو بحلول نهاية العقد الحالي، تتضمن إنشاء ثلاثة خطوط جديدة وتحديث القطارات القديمة في الخطين الأول والثاني.'),
])
page('ar_01_sabah_divsoup_utf8', url=f'https://{H}/story/551234', site='الصباح المصري',
     title='بدء التشغيل التجريبي للمرحلة الجديدة من الخط الثالث للمترو', text=t,
     authors=['محمد عبد الحميد'], published_at='2023-02-14', http_ct='text/html; charset=utf-8',
     declared='meta+http',
     features=['div-soup', 'no json-ld', 'no article:published_time', 'og:title with " | site" suffix',
               'masthead "رئيس التحرير"', 'byline "كتب: …"', 'date "الثلاثاء 14 فبراير 2023 - 10:30 ص"',
               'two "اقرأ أيضا:" lines mid-article', 'share bar "مشاركة :"', 'most-read list', 'footer'],
     notes='The only date is the Arabic date line under the headline.',
     html_doc=f'''<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>بدء التشغيل التجريبي للمرحلة الجديدة من الخط الثالث للمترو | الصباح المصري</title>
<meta property="og:title" content="بدء التشغيل التجريبي للمرحلة الجديدة من الخط الثالث للمترو | الصباح المصري">
<meta property="og:site_name" content="الصباح المصري">
<meta property="og:type" content="article">
<meta name="description" content="بدأت الهيئة القومية للأنفاق التشغيل التجريبي للمرحلة الجديدة من الخط الثالث لمترو الأنفاق">
<link rel="stylesheet" href="https://{H}/css/main.css"></head>
<body>
<div class="top-bar"><div class="masthead"><span>رئيس التحرير</span> <b>حسام الدين فاروق</b></div>
<div class="logo"><a href="https://{H}/"><img src="https://{H}/logo.png" alt="الصباح المصري"></a></div></div>
<div class="menu"><ul>{links(H, NAV)}</ul></div>
<div class="breaking"><span>عاجل</span> <a href="https://{H}/story/551230">الأرصاد: طقس مائل للبرودة ليلا وأمطار خفيفة على السواحل الشمالية</a></div>
<div class="wrapper"><div class="right-col">
<div class="story-head"><div class="section-name"><a href="https://{H}/cat/1">أخبار محلية</a></div>
<h1 class="story-title">بدء التشغيل التجريبي للمرحلة الجديدة من الخط الثالث للمترو</h1>
<div class="writer">كتب: محمد عبد الحميد</div>
<div class="story-date">الثلاثاء 14 فبراير 2023 - 10:30 ص</div></div>
<div class="share-row"><span>مشاركة :</span> <a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a> <a href="#">تليجرام</a></div>
<div class="story-img"><img src="https://{H}/img/metro3.jpg" alt="مترو الأنفاق"><div class="img-caption">قطار مترو داخل إحدى المحطات الجديدة - أرشيفية</div></div>
<div class="story-body" id="storyBody">
{b}
</div>
<div class="tags"><span>الكلمات المفتاحية</span> <a href="https://{H}/tag/1">مترو الأنفاق</a> <a href="https://{H}/tag/2">الخط الثالث</a> <a href="https://{H}/tag/3">وزارة النقل</a></div>
<div class="share-row"><span>مشاركة :</span> <a href="#">فيسبوك</a> <a href="#">تويتر</a></div>
<div class="related"><h3>أخبار متعلقة</h3><div class="item"><a href="https://{H}/story/551100">تعرف على مواعيد تشغيل المترو في شهر رمضان</a></div><div class="item"><a href="https://{H}/story/551101">غرامات جديدة على المخالفين داخل عربات المترو</a></div><div class="item"><a href="https://{H}/story/551102">افتتاح ثلاث محطات جديدة بالخط الثالث قبل نهاية العام</a></div></div>
</div><div class="left-col">
{most_read(H, ['أسعار الذهب اليوم في مصر بعد ارتفاعها بقيمة 20 جنيها', 'مواعيد امتحانات الترم الثاني لجميع المراحل', 'ضبط عصابة سرقة السيارات في مدينة نصر', 'تعرف على سعر الدولار أمام الجنيه في البنوك', 'الزمالك يستعد لمواجهة الأهلي في قمة الدوري'])}
<div class="ad-box">إعلان</div></div></div>
<div class="footer"><ul>{links(H, FOOT, 'page')}</ul><p>جميع الحقوق محفوظة © 2023 الصباح المصري</p></div>
</body></html>''')

# ---------------------------------------------------------------- 02: Lebanese table layout, cp1256 meta
H = 'www.annahar-jadid.example'
b, t = body([
    ('p', 'تشهد الأسواق اللبنانية منذ مطلع العام إقبالا متزايدا على تركيب ألواح الطاقة الشمسية في المنازل والمحال التجارية، بعدما تراجعت ساعات التغذية من شبكة الكهرباء العامة إلى ما دون أربع ساعات يوميا في معظم المناطق.'),
    ('p', 'ويقول أصحاب شركات التركيب إن الطلب تضاعف ثلاث مرات مقارنة بالعام الماضي، وإن فترة الانتظار لتنفيذ الطلبات الجديدة باتت تتجاوز شهرا كاملا، في ظل نقص في البطاريات المستوردة وارتفاع كلفة الشحن.'),
    ('p', 'ويشرح المهندس وليد ضاهر، وهو صاحب شركة صغيرة في المتن، أن نظاما متوسطا يكفي لتشغيل البراد والإنارة والإنترنت يكلف بين ثلاثة وخمسة آلاف دولار، وهو مبلغ لا تقدر عليه غالبية العائلات التي فقدت مدخراتها في المصارف.'),
    ('h3', 'قروض صغيرة وجمعيات أهلية'),
    ('p', 'ولجأ عدد من البلديات والجمعيات الأهلية إلى تمويل ألواح مشتركة لتشغيل مضخات المياه وإنارة الشوارع، فيما تقدم مؤسسات تمويل صغير قروضا بفوائد مخفضة تسدد على مدى سنتين.'),
    ('p', 'غير أن خبراء في قطاع الطاقة يحذرون من تركيبات عشوائية لا تراعي معايير السلامة، ومن تراكم البطاريات التالفة من دون خطة واضحة لإعادة تدويرها أو التخلص منها بطريقة آمنة.'),
    ('p', 'وتعمل وزارة الطاقة على مسودة قانون ينظم بيع الفائض من الكهرباء المنتجة منزليا إلى الشبكة، إلا أن إقراره لا يزال ينتظر جلسة تشريعية لم يحدد موعدها بعد.'),
])
weather = ('<table class="weather" width="100%"><tr><td colspan="3"><b>الطقس اليوم</b></td></tr>'
           '<tr><td>بيروت</td><td>18°</td><td>غائم جزئيا</td></tr><tr><td>طرابلس</td><td>16°</td><td>ماطر</td></tr>'
           '<tr><td>زحلة</td><td>9°</td><td>بارد</td></tr></table>')
fx = ('<table class="currency" width="100%"><tr><td colspan="2"><b>أسعار الصرف</b></td></tr>'
      '<tr><td>الدولار (السوق الموازية)</td><td>98,500 ل.ل.</td></tr><tr><td>اليورو</td><td>104,200 ل.ل.</td></tr>'
      '<tr><td>صيرفة</td><td>70,000 ل.ل.</td></tr></table>')
page('ar_02_nahar_table_cp1256_meta', url=f'http://{H}/article.php?id=88213&cid=4', site='النهار الجديد',
     title='الطاقة الشمسية ملاذ اللبنانيين في مواجهة العتمة', text=t, enc='windows-1256',
     authors=['ريما الحاج'], published_at='2023-03-12', http_ct='text/html', declared='meta',
     features=['table layout (old CMS)', 'windows-1256 via meta http-equiv', 'no og, no json-ld',
               '<title> with " - site" suffix', 'date "الأحد 12 آذار/مارس 2023" (Levantine/MSA pair)',
               'byline "بقلم: …"', 'h3 subheading in body', 'weather and currency widgets', 'print/email links'],
     html_doc=f'''<html dir="rtl">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>الطاقة الشمسية ملاذ اللبنانيين في مواجهة العتمة - النهار الجديد</title>
<link rel="stylesheet" href="/style.css">
</head>
<body bgcolor="#ffffff" topmargin="0">
<table width="980" align="center" cellpadding="0" cellspacing="0" border="0">
<tr><td colspan="3" class="header"><img src="/images/logo.gif" alt="النهار الجديد"> <font size="1">الأحد 12 آذار 2023 | العدد 8812</font></td></tr>
<tr><td colspan="3" class="menu">{' | '.join(f'<a href="/section.php?cid={i}">{w}</a>' for i, w in enumerate(NAV))}</td></tr>
<tr>
<td width="180" valign="top" class="rightbar">{weather}<br>{fx}<br>
<table width="100%"><tr><td><b>مقالات الرأي</b></td></tr><tr><td><a href="/article.php?id=88190">الحكومة وامتحان الثقة</a></td></tr><tr><td><a href="/article.php?id=88191">عن الانتخابات البلدية المؤجلة</a></td></tr></table></td>
<td width="600" valign="top">
<table width="100%" cellpadding="5"><tr><td class="path"><a href="/">الرئيسية</a> &gt; <a href="/section.php?cid=3">اقتصاد</a></td></tr>
<tr><td><font class="title" size="5"><b>الطاقة الشمسية ملاذ اللبنانيين في مواجهة العتمة</b></font></td></tr>
<tr><td><font size="2" color="#666666">بقلم: ريما الحاج</font><br><font size="1" color="#999999">الأحد 12 آذار/مارس 2023</font></td></tr>
<tr><td><a href="javascript:window.print()">طباعة</a> | <a href="/sendfriend.php?id=88213">أرسل لصديق</a> | <a href="#">تكبير الخط</a></td></tr>
<tr><td><img src="/images/2023/03/solar.jpg" width="400" alt="solar"><br><font size="1">ألواح شمسية على سطح مبنى سكني في بيروت</font></td></tr>
<tr><td class="text">
{b}
</td></tr>
<tr><td><b>التعليقات</b><br><font size="1">لا توجد تعليقات على هذا المقال.</font> <a href="/comment.php?id=88213">أضف تعليقا</a></td></tr>
</table></td>
<td width="200" valign="top" class="leftbar"><table width="100%"><tr><td><b>الأكثر قراءة</b></td></tr>
<tr><td><a href="/article.php?id=88100">جلسة حكومية لبحث رواتب القطاع العام</a></td></tr><tr><td><a href="/article.php?id=88101">ارتفاع أسعار المحروقات للمرة الثالثة هذا الشهر</a></td></tr><tr><td><a href="/article.php?id=88102">عاصفة ثلجية تقطع طرقات جبلية</a></td></tr></table></td>
</tr>
<tr><td colspan="3" class="footer" align="center">{' | '.join(f'<a href="/page.php?p={i}">{w}</a>' for i, w in enumerate(FOOT))}<br>جميع الحقوق محفوظة © النهار الجديد</td></tr>
</table>
</body></html>''')

# ---------------------------------------------------------------- 03: Algerian, Maghrebi months, comments
H = 'www.echourouk-alyawm.example'
b, t = body([
    ('p', 'انطلقت عبر عدد من ولايات الوطن حملة جني الزيتون لهذا الموسم وسط توقعات بمحصول وفير، بفضل التساقطات المطرية المعتبرة التي عرفتها المناطق الشمالية خلال فصل الخريف.'),
    ('p', 'وأفادت مديرية المصالح الفلاحية لولاية بجاية أن المساحة المغروسة بأشجار الزيتون تجاوزت ستين ألف هكتار، وأن الإنتاج المنتظر من زيت الزيتون قد يفوق أربعة عشر مليون لتر، أي بزيادة تقارب الخمس مقارنة بالموسم الماضي.'),
    ('p', 'وتشهد المعاصر التقليدية والعصرية حركية كبيرة منذ الأسبوع الأول من جانفي، حيث يصطف الفلاحون في طوابير طويلة لعصر محاصيلهم، فيما رفعت بعض المعاصر ساعات عملها إلى الليل لتلبية الطلب.'),
    ('p', 'وفي المقابل، اشتكى عدد من صغار المنتجين من نقص اليد العاملة وارتفاع أجرة العمال الموسميين، ما دفع عائلات كثيرة إلى الاعتماد على أفرادها في عملية الجني كما جرت العادة في القرى الجبلية.'),
    ('p', 'ودعت الغرفة الفلاحية إلى تنظيم سوق زيت الزيتون ومرافقة المنتجين في الحصول على شهادات الجودة، بما يسمح بتصدير جزء من الإنتاج نحو الأسواق الخارجية بدل الاكتفاء بالبيع المحلي.'),
    ('pc', '(وأج)', 'source'),
])
t = t.rsplit('\n', 1)[0]  # the agency credit line is not body text
page('ar_03_chourouk_maghreb_utf8', url=f'https://{H}/%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF/olive-season-2024', site='الشروق اليوم',
     title='موسم جني الزيتون ينطلق وتوقعات بإنتاج وفير', text=t,
     authors=[], published_at='2024-01-21', http_ct='text/html; charset=UTF-8', declared='meta+http',
     features=['Maghrebi month names (جانفي)', 'date "الأحد 21 جانفي 2024" in a span without date class',
               'agency credit "(وأج)" as its own paragraph', 'breadcrumbs', 'comment section with user text',
               'newsletter box', 'no json-ld', 'og:title equal to headline'],
     notes='Agency copy: no author. The credit line "(وأج)" is not body text.',
     html_doc=f'''<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width">
<title>موسم جني الزيتون ينطلق وتوقعات بإنتاج وفير - الشروق اليوم</title>
<meta property="og:title" content="موسم جني الزيتون ينطلق وتوقعات بإنتاج وفير">
<meta property="og:site_name" content="الشروق اليوم"></head>
<body class="single">
<header class="site-header"><a class="logo" href="https://{H}/">الشروق اليوم</a>
<nav><ul>{links(H, ['الرئيسية', 'وطني', 'دولي', 'اقتصاد', 'رياضة', 'ثقافة', 'مجتمع', 'مساهمات'])}</ul></nav>
<div class="prayer"><b>مواقيت الصلاة - الجزائر العاصمة</b> الفجر 06:26 الظهر 12:55 العصر 15:37 المغرب 18:01 العشاء 19:24</div></header>
<main><div class="breadcrumbs"><a href="https://{H}/">الرئيسية</a> / <a href="https://{H}/cat/eco">اقتصاد</a> / <span>موسم جني الزيتون ينطلق وتوقعات بإنتاج وفير</span></div>
<div class="post">
<h1 class="post-title">موسم جني الزيتون ينطلق وتوقعات بإنتاج وفير</h1>
<div class="post-info"><span class="cat">اقتصاد</span> <span>الأحد 21 جانفي 2024</span> <span class="views">1520 مشاهدة</span></div>
<div class="post-thumb"><img src="https://{H}/up/olive.jpg" alt=""></div>
<div class="post-content">
{b}
</div>
<div class="share"><a href="#">شارك على فيسبوك</a> <a href="#">شارك على تويتر</a></div>
<div class="newsletter-box"><h4>النشرة البريدية</h4><p>اشترك في نشرتنا البريدية ليصلك ملخص أهم الأخبار يوميا على بريدك الإلكتروني.</p><input placeholder="بريدك الإلكتروني"><button>اشترك</button></div>
{comments([('عمر من تيزي وزو', 'الزيت هذا العام غالي بزاف رغم الإنتاج الوفير، لابد من رقابة على الأسعار في الأسواق.'), ('فلاح من سطيف', 'نحتاج إلى معاصر حديثة في القرى البعيدة لأن التنقل إلى المدينة يكلفنا كثيرا من الوقت والمال.')])}
</div></main>
<footer><ul>{links(H, FOOT, 'page')}</ul><p>© 2024 الشروق اليوم - جميع الحقوق محفوظة</p></footer>
</body></html>''')

# ---------------------------------------------------------------- 04: Gulf <article>, JSON-LD, Hijri + Gregorian
H = 'www.alkhaleej-alyawm.example'
b, t = body([
    ('p', 'أعلنت هيئة الكهرباء والمياه عن بدء التشغيل الكامل لمحطة تحلية المياه الجديدة على الساحل الشرقي، بطاقة إنتاجية تبلغ مئة وخمسين مليون جالون يوميا، لتصبح أكبر محطة تعمل بتقنية التناضح العكسي في الدولة.'),
    ('p', 'وقال المدير العام للهيئة في مؤتمر صحفي إن المحطة ستغطي احتياجات نحو نصف مليون نسمة، وإنها تستهلك طاقة أقل بنسبة أربعين في المئة مقارنة بمحطات التحلية الحرارية التقليدية.'),
    ('x', '<figure class="inline-image"><img src="https://www.alkhaleej-alyawm.example/uploads/2024/03/plant.jpg" alt="محطة التحلية"><figcaption>جانب من محطة تحلية المياه الجديدة على الساحل الشرقي (من المصدر)</figcaption></figure>'),
    ('h3', 'طاقة شمسية لتشغيل المحطة'),
    ('p', 'وتعتمد المحطة في جزء من تشغيلها على حقل للطاقة الشمسية أقيم بجوارها بقدرة مئتي ميغاواط، على أن ترتفع مساهمة الطاقة النظيفة في تشغيلها إلى النصف خلال ثلاث سنوات.'),
    ('x', tweet('بدء التشغيل الكامل لمحطة التحلية الجديدة بطاقة 150 مليون جالون يوميا', 'هيئة الكهرباء والمياه', 'ewa_example', '17 مارس 2024')),
    ('p', 'وأوضح المدير العام أن المياه المالحة المتبقية من عملية التحلية تعالج قبل إعادتها إلى البحر، وأن فريقا من علماء البيئة البحرية يراقب جودة المياه والشعاب المرجانية القريبة من المحطة بشكل دوري.'),
    ('h3', 'خطط للتوسع'),
    ('p', 'وكشفت الهيئة عن خطط لإنشاء محطتين إضافيتين بحلول عام 2030، في إطار استراتيجية الأمن المائي التي تهدف إلى خفض الاعتماد على المياه الجوفية ورفع المخزون الاستراتيجي من المياه المحلاة.'),
    ('p', 'يذكر أن الطلب على المياه في الدولة يرتفع بنحو خمسة في المئة سنويا مع النمو السكاني والتوسع العمراني، وهو ما يضع مشاريع التحلية في صدارة أولويات الإنفاق على البنية التحتية.'),
])
ld = ('{"@context":"https://schema.org","@type":"NewsArticle","headline":"تشغيل أكبر محطة لتحلية المياه بتقنية التناضح العكسي",'
      '"datePublished":"2024-03-17T09:20:00+04:00","dateModified":"2024-03-17T13:05:00+04:00",'
      '"author":[{"@type":"Person","name":"سعيد المري","url":"https://www.alkhaleej-alyawm.example/author/saeed"}],'
      '"publisher":{"@type":"Organization","name":"الخليج اليوم","logo":{"@type":"ImageObject","url":"https://www.alkhaleej-alyawm.example/logo.svg"}},'
      '"image":["https://www.alkhaleej-alyawm.example/uploads/2024/03/plant.jpg"],"inLanguage":"ar"}')
page('ar_04_khaleej_article_jsonld_hijri', url=f'https://{H}/economy/2024/03/17/desal-plant-east', site='الخليج اليوم',
     title='تشغيل أكبر محطة لتحلية المياه بتقنية التناضح العكسي', text=t,
     authors=['سعيد المري'], published_at='2024-03-17T05:20:00Z', http_ct='text/html; charset=utf-8', declared='meta+http',
     features=['<article> + JSON-LD NewsArticle with Person author', 'og:title with " - site" suffix',
               'visible Hijri date before the Gregorian one', 'figure+figcaption in body', 'h3 subheadings',
               'embedded tweet (Arabic)', 'newsletter box', 'currency and prayer-time widgets', 'dateModified ≠ datePublished'],
     html_doc=f'''<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>تشغيل أكبر محطة لتحلية المياه بتقنية التناضح العكسي - الخليج اليوم</title>
<meta property="og:title" content="تشغيل أكبر محطة لتحلية المياه بتقنية التناضح العكسي - الخليج اليوم">
<meta property="og:site_name" content="الخليج اليوم"><meta property="og:type" content="article">
<link rel="canonical" href="https://{H}/economy/2024/03/17/desal-plant-east">
<script type="application/ld+json">{ld}</script></head>
<body>
<header><div class="logo"><a href="https://{H}/">الخليج اليوم</a></div>
<nav class="main-nav"><ul>{links(H, NAV)}</ul></nav>
<div class="widgets"><div class="currency-widget"><span>الدولار</span> 3.67 <span>اليورو</span> 4.01 <span>الريال السعودي</span> 0.98</div>
<div class="prayer-times">الفجر 5:02 | الظهر 12:24 | العصر 3:50 | المغرب 6:27 | العشاء 7:41</div></div></header>
<main class="container"><article class="article-page">
<header class="article-header"><a class="kicker" href="https://{H}/economy">اقتصاد</a>
<h1>تشغيل أكبر محطة لتحلية المياه بتقنية التناضح العكسي</h1>
<div class="meta"><span class="author">سعيد المري</span> <span class="hijri">الأحد 7 رمضان 1445 هـ</span> - <time>17 مارس 2024</time></div></header>
<div class="article-body">
{b}
</div>
<div class="newsletter"><h3>اشترك في النشرة الاقتصادية</h3><p>أهم أخبار الأسواق والأعمال في بريدك كل صباح.</p><form><input type="email"><button>اشترك الآن</button></form></div>
<div class="share-bar"><a href="#">واتساب</a> <a href="#">إكس</a> <a href="#">لينكد إن</a> <a href="#">نسخ الرابط</a></div>
</article>
<aside class="sidebar">{most_read(H, ['الإمارات تطلق تأشيرة جديدة لرواد الأعمال', 'ارتفاع أسعار العقارات في دبي خلال الربع الأول', 'موعد إجازة عيد الفطر للقطاعين العام والخاص', 'سوق أبوظبي يغلق على ارتفاع بدعم من البنوك'])}</aside></main>
<footer><ul>{links(H, FOOT, 'page')}</ul><p>حقوق النشر محفوظة لصحيفة الخليج اليوم © 2024</p></footer>
</body></html>''')

# ---------------------------------------------------------------- 05: AMP page with RLM in titles
H = 'amp.albatra-news.example'
RLM = '\u200f'
b, t = body([
    ('p', 'سجلت المواقع السياحية في المملكة خلال النصف الأول من العام ارتفاعا لافتا في أعداد الزوار، إذ استقبلت مدينة البترا وحدها أكثر من خمسمائة ألف زائر، في أعلى رقم تسجله منذ أكثر من عقد.'),
    ('p', 'وقالت وزارة السياحة والآثار في تقرير نشرته اليوم الخميس إن الدخل السياحي بلغ نحو ثلاثة مليارات دينار، مدفوعا بعودة الرحلات الجوية المباشرة من أوروبا وارتفاع أعداد السياح القادمين من دول الخليج.'),
    ('x', '<amp-twitter width="375" height="472" layout="responsive" data-tweetid="1687000000000"><blockquote placeholder class="twitter-tweet"><p lang="ar">أرقام قياسية لزوار البترا هذا الصيف 🌄</p>&mdash; البترا نيوز (@batra_news)</blockquote></amp-twitter>'),
    ('p', 'وأشار التقرير إلى أن وادي رم والبحر الميت وجرش جاءت في المراتب التالية من حيث عدد الزوار، فيما شهدت مدينة العقبة نموا كبيرا في حجوزات الفنادق بفضل الرحلات البحرية.'),
    ('p', 'وأكد وزير السياحة أن الوزارة تعمل مع القطاع الخاص على تطوير خدمات النقل بين المواقع الأثرية، وتوسيع برامج تدريب الأدلاء السياحيين، إلى جانب إطلاق حملة ترويجية جديدة في الأسواق الآسيوية.'),
    ('p', 'من جهتهم، يرى العاملون في القطاع أن ارتفاع أسعار تذاكر الطيران وكلفة الإقامة ما زالا يحدان من قدرة الأردن على منافسة الوجهات المجاورة، مطالبين بحوافز ضريبية للفنادق الصغيرة والمتوسطة.'),
])
ld = ('{"@context":"https://schema.org","@type":"NewsArticle","headline":"' + RLM + 'البترا تستقبل أكثر من نصف مليون زائر في ستة أشهر' + RLM + '",'
      '"datePublished":"2023-08-03T14:00:00+03:00","author":{"@type":"Person","name":"ليلى العمري"},'
      '"publisher":{"@type":"Organization","name":"البترا نيوز"},"mainEntityOfPage":"https://www.albatra-news.example/tourism/48211"}')
page('ar_05_amp_rlm_utf8', url=f'https://{H}/tourism/48211/amp', canonical='https://www.albatra-news.example/tourism/48211',
     site='البترا نيوز', title='البترا تستقبل أكثر من نصف مليون زائر في ستة أشهر', text=t,
     authors=['ليلى العمري'], published_at='2023-08-03T11:00:00Z', http_ct='text/html; charset=utf-8', declared='meta+http',
     features=['AMP markup (amp-img, amp-twitter, amp-social-share, amp-ad)', 'U+200F around the title in <title>, og:title, h1 and JSON-LD',
               'JSON-LD date only', 'byline "بقلم: …"', 'related list with excerpts'],
     notes='The headline carries RIGHT-TO-LEFT MARKs; the expected title has none.',
     html_doc=f'''<!doctype html>
<html ⚡ lang="ar" dir="rtl"><head><meta charset="utf-8">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<title>{RLM}البترا تستقبل أكثر من نصف مليون زائر في ستة أشهر{RLM} | البترا نيوز</title>
<link rel="canonical" href="https://www.albatra-news.example/tourism/48211">
<meta property="og:title" content="{RLM}البترا تستقبل أكثر من نصف مليون زائر في ستة أشهر{RLM}">
<meta property="og:site_name" content="البترا نيوز">
<style amp-custom>body{{font-family:Tajawal,sans-serif}}.byline{{color:#777}}</style>
<script type="application/ld+json">{ld}</script></head>
<body>
<header class="amp-header"><a href="https://www.albatra-news.example/"><amp-img src="/logo.png" width="120" height="40" alt="البترا نيوز"></amp-img></a>
<amp-sidebar id="menu" layout="nodisplay"><ul>{links(H, NAV)}</ul></amp-sidebar></header>
<div class="amp-article">
<h1 class="amp-title">{RLM}البترا تستقبل أكثر من نصف مليون زائر في ستة أشهر{RLM}</h1>
<div class="byline">بقلم: ليلى العمري</div>
<amp-social-share type="facebook" width="40" height="40"></amp-social-share><amp-social-share type="whatsapp" width="40" height="40"></amp-social-share>
<amp-img src="/img/petra.jpg" width="800" height="450" layout="responsive" alt="الخزنة في البترا"></amp-img>
<div class="amp-body">
{b}
</div>
<amp-ad width="300" height="250" type="doubleclick" data-slot="/1234/ar_amp"></amp-ad>
<div class="amp-related"><h2>اقرأ أيضاً</h2><ul>
<li><a href="https://www.albatra-news.example/tourism/48100">افتتاح مسار سياحي جديد في عجلون</a><p>يمتد المسار عشرين كيلومترا بين القلعة والغابات المحيطة بها.</p></li>
<li><a href="https://www.albatra-news.example/tourism/48101">الفنادق في العقبة تقترب من الإشغال الكامل</a><p>وصلت نسب الإشغال إلى تسعين في المئة في عطلة نهاية الأسبوع.</p></li></ul></div>
</div>
<footer class="amp-footer"><a href="https://www.albatra-news.example/">العودة إلى النسخة الكاملة</a> · © البترا نيوز 2023</footer>
</body></html>''')

# ---------------------------------------------------------------- 06: cp1256 by HTTP only, Arabic-Indic digits
H = 'www.alrafidain-press.example'
b, t = body([
    ('p', 'بدأ موسم تصدير التمور العراقية مبكرا هذا العام، بعدما وقعت وزارة التجارة عقودا مع شركات من الهند وتركيا وعدد من الدول الأوروبية لتوريد كميات تفوق ما صُدّر في الموسم الماضي.'),
    ('p', 'وقال مدير عام الشركة العامة للتسويق الزراعي إن صادرات التمور بلغت في العام الماضي نحو ستمائة ألف طن، وإن الوزارة تسعى هذا الموسم إلى رفعها إلى سبعمائة ألف طن مع التركيز على الأصناف الفاخرة مثل البرحي والمكتوم.'),
    ('p', 'وأضاف أن مختبرات فحص جديدة افتتحت في البصرة وكربلاء لمنح شهادات المطابقة الصحية، بعد أن كانت شحنات سابقة تتأخر أسابيع في انتظار نتائج الفحوص في الموانئ.'),
    ('p', 'ويعاني قطاع النخيل من آثار الجفاف وملوحة المياه في المحافظات الجنوبية، إذ يقدر مختصون أن أعداد النخيل في البلاد انخفضت إلى أقل من نصف ما كانت عليه قبل أربعة عقود.'),
    ('p', 'وتعمل الحكومة على مشروع لزراعة مليون فسيلة جديدة بالتعاون مع القطاع الخاص، وتوزيع منظومات ري بالتنقيط على المزارعين بأسعار مدعومة.'),
])
indic = lambda s: s.translate(str.maketrans('0123456789', '٠١٢٣٤٥٦٧٨٩'))
page('ar_06_rafidain_cp1256_http_indic', url=f'https://{H}/economy/news.aspx?id=30551', site='الرافدين برس',
     title='موسم مبكر لتصدير التمور العراقية وعقود مع أسواق جديدة', text=t, enc='windows-1256',
     authors=[], published_at='2023-05-19', http_ct='text/html; charset=windows-1256', declared='http',
     features=['windows-1256 declared only in HTTP', 'no metadata dates at all', 'visible date with Arabic-Indic digits and a Levantine month ("الجمعة ١٩ أيار ٢٠٢٣")',
               'credit line "المصدر: …"', 'share list', 'latest-news sidebar with timestamps'],
     notes='Arabic-Indic digits are not in windows-1256, so the page writes them as &#NNNN; references.',
     html_doc=f'''<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<title>موسم مبكر لتصدير التمور العراقية وعقود مع أسواق جديدة</title>
<meta name="keywords" content="تمور, تصدير, العراق"></head>
<body>
<div id="header"><div id="logo"><a href="/">الرافدين برس</a></div><div id="date-today">{indic('الجمعة 19 أيار 2023')}</div>
<ul id="topmenu">{links(H, NAV)}</ul></div>
<div id="content"><div id="main">
<div class="newsblock">
<h2 class="newstitle">موسم مبكر لتصدير التمور العراقية وعقود مع أسواق جديدة</h2>
<div class="newsinfo">بغداد - <span>{indic('الجمعة 19 أيار 2023 | 09:15')}</span></div>
<ul class="share-list"><li><a href="#">فيسبوك</a></li><li><a href="#">تويتر</a></li><li><a href="#">تلغرام</a></li></ul>
<div class="newstext">
{b}
<p class="src">المصدر: وكالة الأنباء الوطنية</p>
</div></div>
<div class="more-news"><h3>أخبار ذات صلة</h3><ul><li><a href="/economy/news.aspx?id=30540">ارتفاع أسعار الطحين في الأسواق المحلية</a></li><li><a href="/economy/news.aspx?id=30541">البنك المركزي يطلق منصة جديدة لبيع العملة</a></li></ul></div>
</div>
<div id="side"><h3>آخر الأخبار</h3><ul>
<li><span>{indic('10:20')}</span> <a href="/news.aspx?id=30560">وزارة الصحة تعلن حملة تلقيح في المدارس</a></li>
<li><span>{indic('09:55')}</span> <a href="/news.aspx?id=30559">انخفاض درجات الحرارة في المناطق الشمالية</a></li>
<li><span>{indic('09:30')}</span> <a href="/news.aspx?id=30558">افتتاح جسر جديد على نهر دجلة</a></li></ul></div></div>
<div id="footer"><ul>{links(H, FOOT, 'page')}</ul>جميع الحقوق محفوظة لشبكة الرافدين برس</div>
</body></html>''')
