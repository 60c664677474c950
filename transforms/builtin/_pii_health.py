"""Health details in free text, where a word introduces them (the ``health`` class, which
otherwise goes by field name: :mod:`transforms.builtin._pii_names`):

- a diagnosis after its word, up to the end of its clause: "diagnosed with type 2 diabetes",
  "Diagnose: Herzinsuffizienz", "с диагнозом артериальная гипертония", "amegunduliwa na kisukari
  aina ya 2", "診断：バセドウ病";
- a medication with its dose that someone takes, after a word for taking or prescribing it in
  the same sentence: "takes Ramipril 5 mg", "bruker Spiriva Respimat 2,5 mikrogram", "приема
  Лозап 50 мг". A catalogue's "Ibuprofen 400 mg, 20 tablets" has no such word and stays.

Both masked as ``[health]``. A diagnosis or a drug named with neither (``Zoloft`` alone, "asthma
review") is not found.
"""

from __future__ import annotations

import re
from typing import Callable

from transforms.builtin._pii_kinds import PSEUDONYM_HEX
from functools import cache

from transforms.builtin._pii_literals import Literals, word_file
from transforms.builtin._pii_words import GLUED_PREFIXES, cased, one_of, starts_word, swap_group, variants

Replace = Callable[[str, str, str], str]

#: Words a condition follows directly ("diagnosed with ...", "с диагнозом ...").
_DIAGNOSED_WITH = (
    "diagnosed with|diagnosis of|diagnostiqué avec|diagnostiquée avec|diagnostiqué d'un|diagnostiquée d'une"
    "|diagnosticado con|diagnosticada con|diagnosticado com|diagnosticada com|diagnosticato con|diagnosticata con"
    "|diagnostiziert mit|mit der Diagnose|gediagnosticeerd met|diagnosed as|diagnosa"
    "|с диагнозом|с диагноза|з діагнозом|amegunduliwa na|amegundulika na|tanısı konuldu|tanısıyla|chẩn đoán mắc"
    "|didiagnosis|didiagnosa|rozpoznano|diagnostikována|diagnostikovaná|diagnostizierte|chẩn đoán"
)
#: Words for a diagnosis that a colon must follow ("Diagnose: ...", "diagnóstico: ..."): without
#: one they begin sentences about other things ("The diagnosis was a disk full error").
_DIAGNOSIS_NOUNS = (
    "diagnosis|diagnosi|diagnóstico|diagnostico|diagnostic|diagnose|diagnoosi|diagnos|diagnosa|diagnóza"
    "|rozpoznanie|tanı|tanısı|диагноз|діагноз|chẩn đoán|التشخيص|تشخيص|אבחנה|אבחון|تشخیص|निदान|রোগ নির্ণয়"
    "|診断名|診断|诊断|確診|确诊|진단명|진단|dg\\.|Dg\\.|DG\\."
    "|Verdachtsdiagnose|Hauptdiagnose|Nebendiagnose|Henvisningsårsak|Motivo da referenciação|Motivo del ricovero"
    "|Reason for referral|reason for referral|Referral reason"
    # a person's allergies, listed after a colon ("Allergiat: pähkinä, kala"); a menu's are "allergens"
    "|allergies|allergy|allergien|allergie|alergias|alergia|allergiat|allergia|allergier|allergieën|alergie"
    "|аллергия|алергія|アレルギー|过敏|過敏|알레르기"
)
_CONDITION = r"(?P<health>[^\s,;.()\[\]{}\"<>，。；、:][^\n,;.()\[\]{}\"<>，。；、]{2,80}?)(?=[ ]?[,;.()\[\]\n\"<>，。；、]|$)"
_DIAGNOSIS_RE = re.compile(
    r"(?:(?:" + cased(_DIAGNOSED_WITH) + r")[ ]?[:：]?[ ]{1,2}|(?:" + cased(_DIAGNOSIS_NOUNS) + r")[ ]?[:：][ ]{0,2})" + _CONDITION
)
#: A diagnosis in quotes after its word, as a claim's or a chatbot's message quotes it (진단명 '좌측 전방십자인대
#: 파열'로, "diagnosis “acute bronchitis”"): the quotes set it apart as the colon does; only words in them, not a
#: code's or a log's ('ERR_42', 'disk.full').
_QUOTED = (r"(?:은|는|이|가|は|が)?[ ]?[:：]?[ ]{0,2}['‘\"“„«「『](?P<health>[^\W\d_](?:[^\W\d_]|[\u0300-\u036f\u0900-\u0eff]"
           r"|[ -](?=[^\W\d_])){1,60})['’\"“”»」』]")
#: Words only a diagnosis is named by ("the disease's name"), where "diagnosis" may be a system's: "the
#: diagnosis 'disk full'" is quoted in a text about a person only.
_DISEASE_NAMES = "진단명|상병명|병명|診断名|傷病名|病名|诊断名|診斷名"
_QUOTED_DIAGNOSIS_RE = re.compile(r"(?:" + _DISEASE_NAMES + ")" + _QUOTED)
_QUOTED_DIAGNOSIS_OF_SOMEONE_RE = re.compile(r"(?:" + cased(_DIAGNOSED_WITH) + "|" + cased(_DIAGNOSIS_NOUNS) + ")" + _QUOTED)
_DIAGNOSIS_LITERALS = Literals([*variants(_DIAGNOSED_WITH), *variants(_DIAGNOSIS_NOUNS), *_DISEASE_NAMES.split("|")])
#: A dose: a number and its unit, in the units prescriptions are written in.
_DOSE = (
    r"(?:[0-9]{1,4}(?:[.,][0-9]{1,3})?(?:/[0-9]{1,4}(?:[.,][0-9]{1,3})?)?[ ]?(?:mg|mcg|µg|μg|ml|mL|IU|UI|units|mg/d|mg/kg"
    r"|micrograms?|mikrogramm?|мг|мл|мкг|毫克|मिग्रा|মিগ্রা|ملغ|ملغم|مجم|میلی‌گرم|میلیگرم|מ\"ג|מ״ג)"
    # (a dose in grams is a gram or two: "Paracetamol 1 g"; "150g" is a shop's packet)
    r"|(?<![0-9.,])[0-9](?:[.,][0-9]{1,2})?[ ]?g)(?![\w])"
)
_DOSE_RE = re.compile(_DOSE)
#: Words for taking or prescribing a medication; one of them before it in the same sentence.
_TAKING_WORDS = (
    "take|takes|taking|took|prescribed|prescription|on|uses|using|medication|medications|meds"
    "|starting|started|start on|stopped|restarted|increased|dose of|dùng|uống|em uso de|en uso de|uso de|usando"
    "|nimmt|nehme|nehmen|verschrieben|Medikation|Medikament|Medikamente|prend|prends|prescrit|traitement"
    "|toma|tomo|tomando|receta|recetado|tratamiento|prende|assume|terapia|usa|tomar|toma-se|medicação"
    "|gebruikt|gebruik|medicatie|använder|bruker|bruger|medicin|przyjmuje|biorę|bierze|užívá|užívám|beszedi|szedi"
    "|kullanıyor|kullanıyorum|ilaç|ilacı|принимает|принимаю|приема|назначен|назначено|приймає|приймаю|anatumia"
    "|natumia|dawa|minum|diberi|terapi|uống|đang dùng|يتناول|أتناول|נוטל|נוטלת|مصرف|लेता|लेती|লেন|服用|服药|服藥|복용"
)
# a diagnosis this pass masked before it in the sentence says whose the medication is too
_TAKING_RE = re.compile(r"(?<![^\W\d_])(?:" + cased(_TAKING_WORDS) + r")(?![^\W\d_])|\[health\]")
#: How a prescription says how often ("Ramipril 5 mg 1-0-0", "Eliquis 5 mg x 2", "2x täglich",
#: "BID"): after a medication and its dose, it makes them a prescription's without a taking word.
_SCHEDULE_RE = re.compile(
    r"[ ]{1,2}(?:[0-9](?:[.,/][0-9])?-[0-9](?:[.,/][0-9])?-[0-9](?:[.,/][0-9])?(?:-[0-9])?|[0-9][ ]?x[ ]?[0-9](?![0-9])"
    r"|x[ ]?[0-9](?![0-9])|[0-9][ ]?x[ ]?(?:daily|täglich|tgl\.?|dziennie|denně|naponta|dagligen|daglig|par jour|al día|al giorno)"
    r"|(?:once|twice|three times)[ ](?:a|per)[ ]day|BID|TID|QID|QD|OD|PRN|b\.i\.d\.|t\.i\.d\.|q\.d\.|dd|daily|nightly"
    r"|täglich|tgl\.|morgens|abends|diario|diaria|diariamente|al día|por día|par jour|le matin|le soir|al giorno"
    r"|dziennie|denně|naponta|dagligen|daglig|päivittäin|в день|утром|вечером|щодня|每日|毎日|하루|1日|1일"
    r"|tds|bd|od|qds|nocte|mane|q[0-9]{1,2}[hdw]|SOS|sos|die|en ayunas|iv|i\.v\.|po|p\.o\.|sc|s\.c\.)(?![\w])"
)
#: A patient's word: with a person's data masked in the same text ("Patient: [name], 71M, ..."), the
#: text is a note about that person's health, and its conditions and medications are theirs.
_PATIENTS = (
    "patient|patientin|patiënt|patiente|paciente|paziente|pacjent|pacjentka|pacient|pacientka|pacientė|pacients"
    "|beteg|potilas|pasient|pasienten|patienten|пациент|пациентка|пациентът|хворий|хвора|bệnh nhân|pasien|患者"
    "|病人|환자|مريض|المريض|بیمار|מטופל|מטופלת|रोगी|मरीज|ผู้ป่วย|hasta|mgonjwa"
)
_PATIENT_WORDS = Literals(variants(_PATIENTS))
#: A patient's word, then a capitalised word: the patient's name, which a later pass masks
#: ("la paciente Marcela Quintero: diagnóstico ...").
_PATIENT_NAMED_RE = re.compile(
    r"(?<![^\W\d_])(?:" + cased(_PATIENTS) + r")[ ]?[:：,]?[ ]{1,2}(?=[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄΑ-Ω][^\W\d_])"
)
def _masked_re(kinds: tuple[str, ...]) -> re.Pattern[str]:
    """What the passes before this one leave of ``kinds`` of a person's data: a mask or a pseudonym
    (hash mode)."""
    return re.compile(r"\[(?:" + "|".join(kinds) + r")\]|(?:" + "|".join(kinds) + r"):[0-9a-f]{" + str(PSEUDONYM_HEX) + "}")


#: A patient's name or identifier, masked.
_PERSON_MASKED_RE = _masked_re(("name", "birth_date", "national_id", "member_id"))
#: Conditions people are treated for, named without a word that introduces them ("Hypertonie,
#: Ramipril 5 mg", "Förmaksflimmer"): masked in a text about someone's health (a diagnosis or a
#: medication this pass found in it), or right after someone says they have one ("I have type 2
#: diabetes", "ich leide an Asthma"). A leaflet's "Understanding Hodgkin lymphoma" stays.
_CONDITIONS = (
    "type 1 diabetes|type 2 diabetes|diabetes mellitus typ 1|diabetes mellitus typ 2|diabetes mellitus type 1"
    "|diabetes mellitus type 2|diabetes mellitus tipo 1|diabetes mellitus tipo 2|diabetes mellitus|diabetes typ 1"
    "|diabetes typ 2|diabetes tipo 1|diabetes tipo 2|diabète de type 1|diabète de type 2|diabète|diabetes|diabetis"
    "|tyypin 1 diabetes|tyypin 2 diabetes|cukrzyca typu 1|cukrzyca typu 2|cukrzyca|cukrovka"
    "|сахарный диабет|цукровий діабет|diabet zaharat|diabet|diyabet|kencing manis|tiểu đường|đái tháo đường|糖尿病|당뇨병|당뇨"
    "|السكري|مرض السكري|دیابت|סוכרת|मधुमेह|डायबिटीज|โรคเบาหวาน|เบาหวาน|kisukari|DM2|DM1|T2DM|T1DM"
    "|hypertension|arterial hypertension|hypertonie|arterielle hypertonie|hipertensión|hipertensión arterial"
    "|hypertension artérielle|ipertensione|ipertensione arteriosa|hipertensão|hipertensão arterial|hipertensie|hypertensie"
    "|nadciśnienie|nadciśnienie tętnicze|hypertenze|magas vérnyomás|hipertensija|hipertenzija|hipertansiyon"
    "|гипертония|гипертоническая болезнь|артериальная гипертензия|гіпертонія|hipertensi|darah tinggi|tăng huyết áp"
    "|高血压|高血圧|고혈압|ارتفاع ضغط الدم|فشار خون بالا|לחץ דם גבוה|उच्च रक्तचाप|ความดันโลหิตสูง|HTN"
    "|asthma|bronchial asthma|asthma bronchiale|asthme|asma|asma bronquial|asma brônquica|astma|astma oskrzelowa"
    "|астма|бронхиальная астма|哮喘|喘息|천식|hen suyễn|hen phế quản|الربو|آسم|אסתמה|दमा|โรคหอบหืด|pumu"
    "|COPD|BPCO|EPOC|DPOC|POChP|CHOPN|KOAH|ХОБЛ|chronic obstructive pulmonary disease"
    "|epilepsy|epilepsie|epilepsia|épilepsie|epilessia|epilepsija|epilepszia|эпилепсия|епілепсія|癫痫|てんかん|뇌전증"
    "|major depression|depression|depressive disorder|depresión|dépression|depressione|depressão|depresja|depresie"
    "|депрессия|депресія|抑郁症|うつ病|우울증|bipolar disorder|bipolare störung|trastorno bipolar|trouble bipolaire"
    "|schizophrenia|schizophrenie|esquizofrenia|schizophrénie|schizofrenia|шизофрения"
    "|HIV|HIV positive|HIV-positive|AIDS|hepatitis B|hepatitis C|hepatite B|hepatite C|hépatite B|hépatite C"
    "|epatite B|epatite C|hepatită B|hepatită C|гепатит B|гепатит C|гепатит С|乙肝|丙肝"
    "|tuberculosis|pulmonary tuberculosis|tuberkulose|tuberculose|tubercolosi|gruźlica|tuberkulóza|туберкулез|туберкулёз"
    "|肺结核|结核病|結核|crohn's disease|crohn disease|morbus crohn|ziekte van crohn|enfermedad de crohn|maladie de crohn"
    "|colitis ulcerosa|ulcerative colitis|lupus|lupus eritematoso|systemic lupus erythematosus|rheumatoid arthritis"
    "|rheumatoide arthritis|artritis reumatoide|polyarthrite rhumatoïde|atrial fibrillation|vorhofflimmern"
    "|fibrilación auricular|fibrillation auriculaire|fibrillazione atriale|fibrilação atrial|boezemfibrilleren"
    "|migotanie przedsionków|fibrilace síní|förmaksflimmer|forkammerflimmer|atrieflimmer|eteisvärinä|pitvarfibrilláció"
    "|фибрилляция предсердий|hypothyroidism|hypothyreose|hipotiroidismo|hypothyroïdie|ipotiroidismo|hipotireoidismo"
    "|niedoczynność tarczycy|hypotyreóza|hypothyreoidie|hyperthyroidism|chronic kidney disease|CKD"
    "|chronische niereninsuffizienz|insuficiencia renal crónica|insuffisance rénale chronique|heart failure"
    "|herzinsuffizienz|insuficiencia cardíaca|insuffisance cardiaque|scompenso cardiaco|insuficiência cardíaca"
    "|niewydolność serca|сердечная недостаточность|multiple sclerosis|multiple sklerose|esclerosis múltiple"
    "|sclérose en plaques|sclerosi multipla|parkinson's disease|morbus parkinson|alzheimer's disease|alzheimer|dementia"
    "|demenz|demencia|démence|pneumonia|lungenentzündung|pneumonie|neumonía|polmonite|zapalenie płuc|lungebetennelse"
    "|lunginflammation|longontsteking|keuhkokuume|tüdőgyulladás|пневмония|воспаление легких|viêm phổi|肺炎|폐렴"
    "|cancer|breast cancer|lung cancer|prostate cancer|brustkrebs|cáncer de mama|cancer du sein|tumore al seno"
    "|rak piersi|leukemia|leukämie|lymphoma|melanoma|PTSD|PTBS|ADHD|ADHS|TDAH|autism|autismus|autismo"
    "|obesity|adipositas|obesidad|obésité|anorexia|bulimia|anemia|anämie|anémie|celiac disease|zöliakie|celiaquía"
    "|高血圧症|高血压病|糖尿病性|2型糖尿病|1型糖尿病|제2형 당뇨병|بارتفاع ضغط الدم|بالسكري|بمرض السكري|بالربو|بالصرع|صرع"
    "|sickle cell disease|sickle cell anaemia|sickle cell anemia|drepanocitosis|drépanocytose|σακχαρώδης διαβήτης"
    "|crisis de asma|diabetis tipus 1|diabetis tipus 2|diabetis|tuberkulosis|TBC|hepatite|hepatitis"
    "|migraine|migräne|migraña|emicrania|enxaqueca|migrena|мигрень|endometriosis|endometriose|fibromyalgia|fibromyalgie"
    # what children and adults catch: "Freddie has chickenpox", "mi hija tiene dengue"
    "|chickenpox|windpocken|varicela|varicelle|varicella|ospa wietrzna|ospa|waterpokken|vattkoppor|vannkopper"
    "|skoldkopper|vesirokko|bárányhimlő|ветрянка|ветряная оспа|水痘|수두|measles|masern|sarampión|rougeole|morbillo"
    "|sarampo|mazelen|mässling|odra|корь|mumps|paperas|oreillons|parotite|caxumba|bof|influenza|the flu|grippe"
    "|gripe|griep|influensa|grypa|грипп|грип|流感|インフルエンザ|독감|covid|covid-19|corona|malaria|paludisme|paludismo"
    "|dengue|dengue fever|demam berdarah|sốt xuất huyết|ไข้เลือดออก|typhoid|typhoid fever|homa ya matumbo|cholera"
    "|ear infection|mittelohrentzündung|otitis|otite|oorontsteking|dalekt ozen|conjunctivitis|bindehautentzündung"
    "|conjuntivitis|conjonctivite|congiuntivite|conjuntivite|lice|head lice|läuse|kopfläuse|piojos|poux|pidocchi|luizen"
    "|tonsillitis|mandelentzündung|amigdalitis|amygdalite|angine|tonsillite|strep throat|bronchitis|bronquitis|bronchite"
    "|gastroenteritis|magen-darm-grippe|gastro-entérite|gastroenterite|whiplash|schleudertrauma"
    "|concussion|gehirnerschütterung|conmoción cerebral|commotion cérébrale|commozione cerebrale|hand, foot and mouth disease"
    "|hand-foot-and-mouth disease|수족구병|手足口病|腸病毒|肠道病毒|scarlet fever|scharlach|escarlatina|scarlatine|scarlattina"
    "|heart attack|herzinfarkt|infarto|infarctus|infarkt|инфаркт|myocardial infarction|burn-out|burnout|burn out"
    "|arrêt maladie|sick leave|krankgeschrieben|baja médica|sairauslomalla|sairausloma|sjukskriven|sykmeldt"
    "|celíaco|celíaca|celiaco|celiaca|coeliac|celiac|zöliakie|celiakia|celiakiu|cukrovku|cukrovky"
    "|wheelchair user|in a wheelchair|uses a wheelchair|uses a walker|uses a cane|rollstuhlfahrer|rollstuhlfahrerin"
    "|im rollstuhl|i rullestol|i rullstol|i kørestol|en silla de ruedas|en fauteuil roulant|in sedia a rotelle"
    "|em cadeira de rodas|na wózku inwalidzkim|in een rolstoel|rolstoelgebruiker|pyörätuolissa"
    "|nut allergy|peanut allergy|allergic to nuts|allergic to peanuts|allergic to penicillin|penicillin allergy"
    "|hernie discale|hernia discal|bandscheibenvorfall|ernia del disco|herniated disc|slipped disc"
    "|tuberkuloza|tuberkuloz|stroke|schlaganfall|ictus|ictus cerebral|accidente cerebrovascular|beroerte|udar mózgu"
    "|moždani udar|мозговой инсульт|инсульт|fever|high fever|fieber|hohes fieber|fièvre|fiebre|febbre|febre|koorts"
    "|feber|kuume|gorączka|horečka|lihavõhe|жар|лихорадка|sốt cao|demam|homa|kidney stones|nierensteine|calculs rénaux"
    "|cálculos renales|appendicitis|blinddarmentzündung|appendicite|apendicitis|sepsis|gürtelrose"
    "|herpes zóster|herpes zoster|gout|gicht|goutte|osteoporosis|osteoporose|ostéoporose|psoriasis"
    "|eczema|ekzem|eczéma|eccema|neurodermitis|arthritis|arthrose|artrosis|arthrose du genou|artrose|osteoarthritis"
    "|glaucoma|glaukom|glaucome|cataract|grauer star|cataracte|catarata|cataratta|long covid"
    "|pregnant|schwanger|embarazada|enceinte|incinta|grávida|gravida|zwanger|gravid|w ciąży|těhotná|terhes|беременна"
    "|вагітна|hamil|mang thai|باردار|حامل|בהריון|妊娠中|임신"
    # more the blind rounds met: thyroid, discs, gums, reading, kidneys, palsy, HIV in Cyrillic, TB in Hindi
    "|hashimoto|hashimoto's|hashimoto-thyreoiditis|thyreoiditis|hernie de disc|hernia de disco|hérnia de disco"
    "|discushernia|hernia dysku|tandlossning|parodontitis|periodontitis|paradentose|ordblind|ordblindhed|dyslexia"
    "|dyslexie|legasthenie|dislexia|dislessia|dysleksja|bipolar ii|bipolar i|bipolar|bipolare|cerebral palsy"
    "|zerebralparese|parálisis cerebral|paralysie cérébrale|paralisia cerebral|mózgowe porażenie dziecięce"
    "|power wheelchair|wheelchair|rollstuhl|fauteuil roulant|silla de ruedas|cadeira de rodas"
    "|dialysis|dialyse|diálisis|diálise|dialisi|dializa|диализ|غسيل كلى|غسيل الكلى|透析|투석"
    "|вич|вич-положительный|вич-положительная|вич-инфекция|віл|віл-позитивний|спид"
    "|टीबी|तपेदिक|क्षय रोग|ٹی بی|حاملہ|حاملہ ہوں|אפילפסיה|סרטן|סכרת|dijabetes|dijabetičar|dijabetičarka"
    "|diabetiker|diabetikerin|diabétique|diabético|diabética|diabetico|diabetica|cukrzyk|diabetik|diabetic|asthmatic"
    "|epileptic|hiv+|hiv positive|seropositive|séropositif|séropositive|seropositivo|seropositiva"
    "|anaphylaxis|anaphylaxie|anafilaxia|アナフィラキシー|過敏性ショック|epipen|insulin|insuline|insulina|inzulin|инсулин"
)
#: Written in capitals, they are these conditions' abbreviations ("AIDS", not hearing "aids").
_CONDITION_ABBREVIATIONS = frozenset({"DM2", "DM1", "T2DM", "T1DM", "HTN", "COPD", "BPCO", "EPOC", "DPOC", "POChP", "CHOPN",
                                      "KOAH", "ХОБЛ", "HIV", "AIDS", "CKD", "PTSD", "PTBS", "ADHD", "ADHS", "TDAH", "TBC",
                                      "HAS"})
#: Abbreviations of conditions that are other things' too in capitals (Microsoft's "MS Teams", "MS-DOS", a
#: heading's "MS SMITH"): one only after a word in lower case, and before no word in capitals, digit or
#: hyphen ("mentions MS so cannot carry", "has MND. Callback ...").
_AMBIGUOUS_ABBREVIATIONS = r"(?<=[a-z][ ])(?:MS|MND)(?![ ]+[A-Z0-9[]|[-/&]|[.][A-Za-z])"
#: Someone saying they have a condition, one or two words before it ("I have mild asthma").
_HAVING = (
    "i have|i've got|i have had|i've had|i suffer from|i am suffering from|suffers from|suffering from|my son has"
    "|my daughter has|my wife has|my husband has|my mother has|my father has|ich habe|ich leide an|leidet an|leide unter"
    "|j'ai|je souffre d'|je souffre de|souffre de|tengo|padezco|sufro de|padece|ho|soffro di|soffre di|tenho|sofro de"
    "|ik heb|ik lijd aan|mam|mám|trpím|choruję na|choruje na|у меня|страдаю|страдает|я хворію на|hastayım|saya menderita|tôi bị"
    # someone else: "Freddie has chickenpox", "mi hija tiene dengue", "Lukas hat Läuse", "she is pregnant"
    "|has|has got|has had|had|caught|hat|hatte|heeft|had|tiene|tuvo|tem|teve|a attrapé|a eu|ha|ha avuto|har|hadde|fick"
    "|ma|miał|miała|má|měl|měla|имеет|заболел|заболела|she is|he is|sie ist|ella está|elle est|lei è|ela está|zij is"
    "|hon är|ona jest|она|terkena|kena|bị|mắc|ana|anaumwa"
    # someone saying what they are: "I'm diabetic", "я ВИЧ-положительный", "je suis enceinte"
    "|i am|i'm|я|je suis|ich bin|soy|sou|sono|jestem|ik ben|jag är|jeg er|olen|jsem"
)
_HAVING_RE = re.compile(r"(?<![^\W\d_])(?:" + cased(_HAVING) + r")[ ]")
_CONDITIONS_RE = re.compile(
    r"(?<![^\W\d_])(?P<health>"
    + "(?i:" + one_of(sorted({c for c in _CONDITIONS.split("|") if c not in _CONDITION_ABBREVIATIONS}, key=lambda c: (-len(c), c)),
                      literal=True) + ")|" + "|".join(sorted(_CONDITION_ABBREVIATIONS, key=len, reverse=True))
    + "|" + _AMBIGUOUS_ABBREVIATIONS + r")(?![^\W\d_])"
)

#: A character of a script written without spaces (Thai, Lao, Myanmar and Khmer too: "ความดันโลหิตสูงและ..."
#: runs a condition into the next word), or of Korean, whose particles follow a word directly: a medication
#: may follow one directly, a condition sit inside a run of them.
_CJK_RE = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3000-\u30ff\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]")
#: The conditions written in such a script: found inside a run of characters with no space around
#: them (柏翰這兩天得了腸病毒).
_CJK_CONDITIONS_RE = re.compile(
    "(?P<health>" + one_of(sorted({c for c in _CONDITIONS.split("|") if _CJK_RE.search(c)}, key=lambda c: (-len(c), c)),
                           literal=True) + ")"
)

_MEDICATION_RE = re.compile(
    r"(?P<health>[^\W\d_][\w-]{2,30}(?:[ ][^\W\d_][\w-]{1,20}){0,2}[ ]?" + _DOSE + r")"
)
#: How far back, in the same sentence, the taking word may be.
_TAKING_REACH = 80


#: A laboratory result: a test's name, then its value (and unit): "HbA1c 8.9", "BNP 842 pg/mL",
#: "trombosit 85.000", "глюкоза 7,8 ммоль/л". A unit alone ("70-100 mg/dL" in a leaflet) is no one's.
_LAB_UNITS = (r"%|mg/dL|mg/dl|mmol/L|mmol/l|µmol/L|μmol/L|umol/L|pg/mL|pg/ml|ng/mL|ng/ml|g/dL|g/dl|g/L|U/L|IU/L|mIU/L"
              r"|mU/L|mEq/L|/µL|/uL|/mm3|нг/мл|ммоль/л|мкмоль/л|мг/дл|г/л")
_LAB_VALUE = r"[ ]?(?:[:=][ ]?)?(?:of[ ]|von[ ]|de[ ])?[0-9]{1,6}(?:[.,][0-9]{1,3})?"
_LAB_RE = re.compile(
    r"(?<![^\W\d_])(?P<health>(?:HbA1c|HbA1C|A1c|A1C|糖化血红蛋白)" + _LAB_VALUE + r"(?:[ ]?%)?"
    r"|(?:LDL|HDL|BNP|NT-proBNP|PSA|TSH|CRP|eGFR|INR|ALT|AST|GGT"
    r"|[Cc]reatinine|[Kk]reatinin|[Gg]lucose|[Gg]lukose|[Gg]lucosa|[Gg]licemia|[Gg]licose|[Gg]lykemie|[Cc]holesterol"
    r"|[Cc]holesterin|[Cc]olesterol|[Hh]a?emoglobin|[Hh]ämoglobin|[Hh]emoglobina|[Tt]rombosit|[Pp]latelets|[Tt]hrombozyten"
    r"|[Pp]laquetas|[Ff]erritin|[Ff]erritina|глюкоза|холестерин|гемоглобин|ферритин|креатинин|血糖|血红蛋白)"
    + _LAB_VALUE + r"[ ]?(?:" + _LAB_UNITS + r"))(?![\w/])(?![-–][ ]?[0-9])"
)
#: A blood pressure reading after its word: "BP 180/110", "BP ekkuva ga undi 180/110", "Blutdruck 160/95",
#: "血压160/100" (the pressures within what a person's can be). Not a target or a limit ("keep BP under 130/80").
_BP_WORDS = ("BP|B.P.|blood pressure|Blutdruck|RR|tension artérielle|tension|tensión arterial|tensión|presión arterial"
             "|presión|pressão arterial|pressão|pressione arteriosa|pressione|bloeddruk|ciśnienie|tansiyon|tansiyonu"
             "|давление|давлението|тиск|АД|tekanan darah|huyết áp|ضغط الدم|ضغط|فشار خون|לחץ דם|रक्तचाप|बीपी"
             "|血压|血壓|血圧|혈압|ความดัน")
_BP_RE = re.compile(
    r"(?<![A-Za-zÀ-ÿА-Яа-я])(?:" + "|".join(re.escape(w) for w in _BP_WORDS.split("|")) + r")(?![A-Za-zÀ-ÿА-Яа-я])"
    r"(?P<gap>[^0-9\n.!?<>≤≥]{0,24}?)(?P<health>(?P<high>[0-9]{2,3})[ ]?/[ ]?(?P<low>[0-9]{2,3}))(?![0-9/])")
_BP_LIMIT_WORDS = frozenset("""under below above over target goal normal less more than keep aim bis unter über unterhalb
    moins menos debajo abaixo sotto onder poniżej dưới 以下 以上 低于 高于 미만 이하 limit range""".split())


def _blood_pressure(match: re.Match[str], replace: Replace) -> str:
    high, low = int(match["high"]), int(match["low"])
    if not (70 <= high <= 260 and 30 <= low <= 160 and low < high) or (
            set(match["gap"].lower().split()) & _BP_LIMIT_WORDS):
        return match[0]
    return match[0][:match.start("health") - match.start()] + replace("health", match["health"], match["health"])


_LAB_SCAN = Literals(["HbA1", "A1c", "A1C", "LDL", "HDL", "BNP", "PSA", "TSH", "CRP", "eGFR", "INR", "ALT", "AST", "GGT",
                      "reatinin", "lucos", "lukose", "licemia", "licose", "lykemie", "holester", "olesterol", "emoglobin",
                      "ämoglobin", "rombosit", "latelets", "hrombozyten", "laquetas", "erritin", "глюкоза", "холестерин",
                      "гемоглобин", "ферритин", "креатинин", "血糖", "血红蛋白"])
_BP_SCAN = Literals(_BP_WORDS.split("|"))


def may_hold_health(text: str) -> bool:
    return (_DIAGNOSIS_LITERALS.found_in(text) or _DOSE_RE.search(text) is not None or _HAVING_RE.search(text) is not None
            or _LAB_SCAN.found_in(text) or ("/" in text and _BP_SCAN.found_in(text))
            or (_NOTE_LABEL_SCAN.found_in(text) and _PATIENT_WORDS.found_in(text)))


def scrub_health(text: str, replace: Replace) -> str:
    """Diagnoses after their word and medications taken with their dose, as ``[health]``; then,
    in a text about someone's health, the conditions it names."""
    before = text
    note = _PATIENT_WORDS.found_in(text) and (_PERSON_MASKED_RE.search(text) is not None or _names_a_patient(text))
    if _DIAGNOSIS_LITERALS.found_in(text):
        text = _DIAGNOSIS_RE.sub(lambda m: _diagnosis(m, replace), text)
        text = (_QUOTED_DIAGNOSIS_OF_SOMEONE_RE if note or names_someone(text) else _QUOTED_DIAGNOSIS_RE).sub(
            lambda m: _diagnosis(m, replace), text)
    if _DOSE_RE.search(text) is not None:
        text = _MEDICATION_RE.sub(lambda m: _medication(m, replace, note), text)
    if _NOTE_LABEL_SCAN.found_in(text) and _PATIENT_WORDS.found_in(text):
        text = _NOTE_LABEL_RE.sub(lambda m: _diagnosis(m, replace) if not m["health"][:1].isdigit() else m[0], text)
    if _LAB_SCAN.found_in(text):
        text = _LAB_RE.sub(lambda m: replace("health", m["health"].lower(), m["health"]), text)
    if "/" in text and _BP_SCAN.found_in(text):
        text = _BP_RE.sub(lambda m: _blood_pressure(m, replace), text)
    if text != before or note:
        # not a topic's condition beside the patient's ("मधुमेह क्लिनिक", a diabetes clinic: a department)
        text = _CONDITIONS_RE.sub(lambda m: m[0] if _about_the_condition(text, m.end()) else replace(
            "health", m["health"].lower(), m["health"]), text)
        text = _mask_more_conditions(text, replace)
    elif (having := _HAVING_RE.search(text)) is not None:
        text = _said_to_have(text, having, replace)
    return text


#: Words after a condition that make it a topic, not someone's ("has cancer research articles",
#: "diabetes awareness week", "a flu vaccine clinic").
_TOPIC_WORDS = frozenset(
    """research awareness center centre clinic clinics foundation society association day week month screening
    screenings vaccine vaccines vaccination test tests testing ward unit charity fund drug drugs treatment
    treatments medication medicine medicines prevention programme program campaign season risk risks rates
    relief cushion cushions pillow pillows cream creams gel spray support brace belt patch patches tablets
    statistics study studies trial trials app information leaflet guide guidelines specialist specialists
    forschung zentrum stiftung woche impfung impfstoff investigación centro fundación semana vacuna recherche
    centre semaine vaccin ricerca settimana vaccino pesquisa semana vacina
    क्लिनिक विभाग केंद्र वार्ड""".split()  # a hospital's "मधुमेह क्लिनिक" (diabetes clinic) in a table's department column
)


#: What a text holds once a person in it was masked: a name, a way to reach them, where they live,
#: their birth date or an identifier, as a mask or a pseudonym (hash mode).
_SOMEONE_KINDS = ("name", "email", "phone", "address", "birth_date", "national_id", "member_id")
_SOMEONE_MASKED_RE = _masked_re(_SOMEONE_KINDS)
_SOMEONE_LITERALS = Literals([f"[{kind}]" for kind in _SOMEONE_KINDS] + [f"{kind}:" for kind in _SOMEONE_KINDS])


def names_someone(text: str) -> bool:
    """Was a person found in ``text`` by a pass before: a name, a way to reach them, where they live,
    their birth date or an identifier, masked or as a pseudonym (hash mode)?"""
    return _SOMEONE_LITERALS.found_in(text) and _SOMEONE_MASKED_RE.search(text) is not None


#: What a text must hold for a condition of :data:`_CONDITIONS` to be in it: one scan.
_CONDITION_LITERALS = Literals(variants(_CONDITIONS))


def may_name_a_condition(text: str) -> bool:
    """Does ``text`` hold a condition's word as a word ("lice", not the "lice" of "police"), or a
    condition in a script written without spaces?"""
    for _, start, end in _CONDITION_LITERALS.hits(text):
        if _CJK_RE.match(text, start) is not None or (
                (start == 0 or not text[start - 1].isalpha()) and (end == len(text) or not text[end].isalpha())):
            return True
    return any(True for _ in _more_conditions_in(text))


@cache
def _more_conditions() -> tuple[Literals, tuple[str, ...]]:
    """``conditions.tsv``: the conditions of 53 languages beyond :data:`_CONDITIONS`, and the leave
    that tells a pregnancy (kind ``leave``); and of each one-word one of seven letters or more that
    ends in a vowel, its stem, which a case ending follows (:func:`_case_ending`: "епилепсија" ->
    "епилепсију", "депрессия" -> "депрессией"). With each form's kind."""
    return word_file(__package__, "conditions.tsv", frozenset({"condition", "leave"}), also=_stem)


def _stem(form: str) -> tuple[str, ...]:
    return (form[:-1],) if " " not in form and len(form) >= 7 and form[-1].lower() in _VOWELS else ()


#: Vowels a condition's nominative ends in, of the scripts the file holds.
_VOWELS = frozenset("aeioáéíóúàèìòùäöüæøåąęıаеиоуыэюяіїєёαεηιουωάέήίόύώ")  # not "y": "allergies" is "allergies none"


def _more_conditions_in(text: str):
    """``(start, end)`` of each condition of ``conditions.tsv`` in ``text``, and of each leave that
    tells a pregnancy in a sentence ("[name] is on maternity leave"; a leave request's type, a field
    of its own, is the form's), as a word of its own (a script written without spaces: anywhere),
    the longest where several start at one place."""
    literals, kinds = _more_conditions()
    if not literals.found_in(text):  # most texts: one pass that stops at nothing
        return
    pos = 0
    for index, start, end in sorted(literals.hits(text), key=lambda hit: (hit[1], -hit[2])):
        if start < pos or (kinds[index] == "leave" and not text[:start].strip() and not text[end:].strip()):
            continue
        if _CJK_RE.match(text, start) is None and (
                (start and (text[start - 1].isalnum() or text[start - 1] in "_-") and not _glued_prefix(text, start))
                or (end < len(text) and (text[end].isalnum() or text[end] in "_-")
                    and (end := _case_ending(text, start, end)) is None)):
            continue
        pos = end
        yield start, end


def _case_ending(text: str, start: int, end: int) -> int | None:
    """The end of a condition's word with a case ending of up to three letters ("insulti",
    "епилепсију" of "insult", "епилепсиј..."), for a condition of six letters or more; else None."""
    if end - start < 6:
        return None
    stop = end
    while stop < len(text) and stop - end <= 3 and text[stop].isalpha():
        stop += 1
    if stop - end > 3 or (stop < len(text) and (text[stop].isalnum() or text[stop] in "_-")):
        return None
    return None if text[start:stop].lower() in _ENDED_FALSE_FRIENDS else stop


#: Conditions with an ending that are words of another meaning: Italian's driver ("autista"), a form's heading.
_ENDED_FALSE_FRIENDS = frozenset("autista autisti allergies".split())  # and the heading "allergies: none"


def _glued_prefix(text: str, start: int) -> bool:
    """Are the one or two letters before ``start`` Arabic's or Hebrew's glued prefixes ("بالسكري"
    is "with diabetes", "ובדיכאון" "and with depression"), at a word's start?"""
    k = start
    while k > 0 and start - k < 2 and text[k - 1] in GLUED_PREFIXES:
        k -= 1
    return k < start and (k == 0 or not text[k - 1].isalnum())


def _mask_more_conditions(text: str, replace: Replace) -> str:
    out, pos = [], 0
    for start, end in _more_conditions_in(text):  # apart from each other already
        if "[" in text[max(0, start - 1):start] or _about_the_condition(text, end):
            continue
        out += [text[pos:start], replace("health", text[start:end].lower(), text[start:end])]
        pos = end
    return "".join(out) + text[pos:] if out else text


def scrub_conditions_in_a_record_about_someone(text: str, replace: Replace) -> str:
    """The conditions a text names, when the record it is part of names a person in another field
    (``{"patient": {"name": ...}, "reason": "Kontrolle Schilddrüse, Hashimoto"}``): the text is
    about that person's health as much as if it named them itself."""
    if not may_name_a_condition(text):
        return text
    text = _CONDITIONS_RE.sub(
        lambda m: m[0] if _about_the_condition(text, m.end()) else replace("health", m["health"].lower(), m["health"]), text)
    if not text.isascii():
        text = _CJK_CONDITIONS_RE.sub(lambda m: replace("health", m["health"], m["health"]), text)
    return _mask_more_conditions(text, replace)


def scrub_conditions_of_someone(text: str, replace: Replace) -> str:
    """The conditions and the medications with their dose a text names once it was found to be
    about someone (a name or a way to reach them masked in it): "Meine Frau [name] liegt mit
    Lungenentzündung im Klinikum", "my son [name]'s appointment for his ear infection", "la ricetta
    per mio marito [name] (Cardioaspirina 100 mg)". A leaflet's or a shop's text names no one."""
    if not names_someone(text):
        return text
    if _DOSE_RE.search(text) is not None:  # "la ricetta per mio marito [name] (Cardioaspirina 100 mg)"
        text = _MEDICATION_RE.sub(lambda m: _drug_of_someone(m[0], replace), text)
    text = _CONDITIONS_RE.sub(
        lambda m: m[0] if _about_the_condition(text, m.end()) else replace("health", m["health"].lower(), m["health"]), text)
    text = _AILMENT_RE.sub(lambda m: m[0] if _about_the_condition(text, m.end()) else replace(
        "health", m["health"].lower(), m["health"]), text)
    if _DISEASE_OF_SCAN.found_in(text):
        text = _DISEASE_OF_RE.sub(lambda m: replace("health", m["health"].lower(), m["health"]), text)
    if not text.isascii():
        text = _CJK_CONDITIONS_RE.sub(lambda m: replace("health", m["health"], m["health"]), text)
    return _mask_more_conditions(text, replace)


#: A condition told as "the disease of" an organ or a thing, in a text about someone: Hindi's and Urdu's,
#: romanised too ("sugar ki bimari", "dil ka rog", "दिल की बीमारी", "دل کی بیماری"), Arabic's romanised
#: ("mardh sokkor", "marad el-2alb") and Hebrew's ("machalat lev"). The organ alone is no one's.
_DISEASE_OF_RE = re.compile(
    r"(?<![^\W\d_])(?P<health>[a-zA-Z]{2,15}[ ](?i:ki|ka|ke)[ ](?i:bimari|bimaari|beemari|beemaari|bemari|bimariyan"
    r"|bimariyon|rog|marz|mareez|mariz)"
    r"|[\u0900-\u097f]{2,15}[ ](?:की|का|के)[ ](?:बीमारी|बिमारी|रोग|मरीज़|मरीज)"
    r"|[\u0600-\u06ff]{2,15}[ ](?:کی|کا|کے)[ ](?:بیماری|بیمار|مرض|مریض)"
    r"|(?i:marad|maradh|mardh|marath|mara\u1e0d)[ ](?:(?i:el|al|il)[ -]?|l-)?[a-zA-Z0-9']{3,12}"
    r"|(?i:machalat|mahalat|makhalat)[ ][a-zA-Z']{3,12})(?![^\W\d_])"
)
_DISEASE_OF_SCAN = Literals(variants("bimar|bimaar|beemar|bemari|rog|marz|mareez|mariz|बीमारी|बिमारी|रोग|मरीज|بیمار|مرض"
                                     "|مریض|marad|mardh|marath|maraḍ|machalat|mahalat|makhalat"))


#: Ailments told by their shape rather than by name, in a text about someone: a German, Dutch or
#: Nordic compound of an inflammation, a pain, a cancer or a fracture ("Mittelohrentzündung",
#: "Rückenschmerzen", "lungekreft", "Hüftfraktur"), a bone broken or sprained, a fracture of one,
#: a pain of a body part ("lower back pain", "dolor de espalda").
_AILMENT_RE = re.compile(
    r"(?<![^\W\d_])(?P<health>[^\W\d_]{0,20}(?:entzündung|schmerzen|krebs|karzinom|fraktur|ontsteking|kanker"
    r"|betennelse|betændelse|inflammation|kreft|kræft|carcinoma|karsinom|allergie|allergi|riss|ruptur)"
    r"|(?i:hüft|bein|arm|handgelenk|knöchel|oberschenkelhals|schlüsselbein|rippen|wirbel|fuß|fuss)s?bruch"
    r"|(?i:broken|fractured|sprained|gebrochene[nrs]?|gebrochen)[ ](?:(?i:left|right|linke[nrs]?|rechte[nrs]?)[ ])?[^\W\d_]{3,20}"
    r"|(?i:fractura|frattura|fracture|fratura|złamanie|zlomenina|zlomeninu)[ ](?:(?:de|del|della|dello|du|de la|do|da|of the"
    r"|of)[ ])?[^\W\d_]{3,20}(?:[ ](?:izquierd[ao]|derech[ao]|sinistr[ao]|destr[ao]|gauche|droit[e]?|esquerd[ao]|direit[ao]))?"
    r"|(?i:lower back|back|chest|knee|neck|stomach|abdominal|hip|shoulder|joint)[ ]pain"
    r"|(?i:dolor|dolores)[ ]de[ ][^\W\d_]{4,15}|(?i:douleurs?)[ ](?:au|à la|aux)[ ][^\W\d_]{3,15})(?![^\W\d_])"
)

#: A medication's strength, not a grocery's weight or a bottle's volume ("your 500 g of flour").
_DRUG_UNIT_RE = re.compile(r"[0-9][ ]?(?:mg|mcg|µg|μg|IU|UI|mg/d|mg/kg|micrograms?|mikrogramm?|мг|мкг|毫克|मिग्रा|মিগ্রা"
                           r"|ملغ|ملغم|مجم|میلی‌گرم|میلیگرم|מ\"ג|מ״ג)$")
_NOT_A_DRUG = frozenset("your my his her their our the a an of for and with von der die das de la le el du des".split())


def _drug_of_someone(found: str, replace: Replace) -> str:
    """A medication and its strength, after the words before it that are no drug's ("your")."""
    if _DRUG_UNIT_RE.search(found) is None:
        return found
    head, _, drug = found.partition(" ")
    while head.lower() in _NOT_A_DRUG and drug:
        head, _, drug = drug.partition(" ")
    drug = f"{head} {drug}" if drug else head
    if _DOSE_RE.match(drug):
        return found  # a strength alone: nothing names the drug
    return found[:len(found) - len(drug)] + replace("health", drug.lower(), drug)


def _about_the_condition(text: str, end: int) -> bool:
    word = _NEXT_TOPIC_WORD_RE.match(text, end + 1) if text[end:end + 1] == " " else None
    return word is not None and word[0].lower() in _TOPIC_WORDS


def _names_a_patient(text: str) -> bool:
    """Is a patient's word followed by a given name or a surname of the lexicon ("paciente Marcela
    Quintero"), not by a leaflet's "Patient Information"?"""
    from transforms.builtin._pii_prose_names import GIVEN, SURNAME, flags_of

    for found in _PATIENT_NAMED_RE.finditer(text):
        word = _NEXT_WORD_RE.match(text, found.end())
        if word is not None and flags_of(word[0]) & (GIVEN | SURNAME):
            return True
    return False


_NEXT_WORD_RE = re.compile(r"[^\W\d_]{2,30}")
#: A word after a condition, with the vowel signs and viramas of the scripts of South Asia (``\w``
#: leaves them out: "क्लिनिक" would end at its first sign).
_NEXT_TOPIC_WORD_RE = re.compile(r"(?:[^\W\d_]|[\u0900-\u0dff]){2,30}")


def _said_to_have(text: str, having: re.Match[str], replace: Replace) -> str:
    """The conditions named right after someone says they have one (up to two words between:
    "I have mild asthma"), each such saying in turn."""
    out, kept = [], 0
    while having is not None:
        condition = _CONDITIONS_RE.match(text, having.end())
        for word in _WORD_RE.finditer(text, having.end(), min(len(text), having.end() + 28)):
            if condition is not None or word.start() > having.end() + 26:
                break
            condition = _CONDITIONS_RE.match(text, word.end())
        if condition is not None and starts_word(text, having.start()) and not _about_the_condition(text, condition.end()):
            out.append(text[kept:condition.start()])
            out.append(replace("health", condition["health"].lower(), condition["health"]))
            kept = condition.end()
        having = _HAVING_RE.search(text, max(having.end(), kept))
    return text if not out else "".join(out) + text[kept:]


#: Labels of a clinical note that are other things' too ("DX" is a developer's experience, "Problemstilling" a
#: problem statement, an "Impression" an ad's): a condition after one only in a patient's note.
_NOTE_LABEL_RE = re.compile(
    r"(?<![\w.])(?:Dx|DX|Dx\.|Diag\.|Impression|Assessment|Problemstilling|Presenting complaint|Chief complaint|Motivo de consulta"
    r"|motivo de consulta|Motivo|motivo|Query|Q\.|V\.a\.|Verdacht auf)[ ]?[:：]?[ ]{1,2}" + _CONDITION.replace("{2,80}?", "{2,60}?"))
_NOTE_LABEL_SCAN = Literals(["Dx", "DX", "Diag.", "Impression", "Assessment", "Problemstilling", "complaint", "otivo",
                             "Query", "V.a.", "Verdacht auf"])


def _diagnosis(match: re.Match[str], replace: Replace) -> str:
    if not starts_word(match.string, match.start()) or match["health"].startswith("["):
        return match[0]
    return swap_group(match, "health", replace("health", match["health"].lower(), match["health"]))


def _medication(match: re.Match[str], replace: Replace, note: bool) -> str:
    text, start = match.string, match.start()
    if not starts_word(text, start) and not _CJK_RE.match(text, match.start() - 1):
        return match[0]
    if note:  # a patient's note: every medication with its dose is theirs
        return replace("health", match["health"].lower(), match["health"])
    # the taking word may be the match's own first words ("bruker Spiriva Respimat 2,5 mikrogram")
    taking = None
    for taking in _TAKING_RE.finditer(match[0]):
        pass
    if taking is not None:
        head, medication = match[0][:taking.end()], match[0][taking.end():]
        if not medication.strip(" ") or _DOSE_RE.match(medication.strip(" ")):
            return match[0]
        return head + medication[:len(medication) - len(medication.lstrip(" "))] + replace(
            "health", medication.strip(" ").lower(), medication.strip(" "))
    before = text[max(0, start - _TAKING_REACH):start]
    if _TAKING_RE.search(_SENTENCE_END_RE.split(before)[-1]) is None and _SCHEDULE_RE.match(text, match.end()) is None:
        return match[0]  # a catalogue's "Ibuprofen 400 mg": nobody takes it here

    return replace("health", match["health"].lower(), match["health"])


_SENTENCE_END_RE = re.compile(r"[.!?。\n]")
#: A word and the space after it (the words between "I have" and its condition).
_WORD_RE = re.compile(r"[^\W\d_]{1,12}[ ]")


def is_a_condition(value: str) -> bool:
    """Does ``value`` start with the name of a condition ("Type 1 diabetes", "asthma, mild")? What
    a field named ``condition`` holds when it is a person's, not a product's ("used")."""
    return _CONDITIONS_RE.match(value.strip()) is not None
