//! The made-up people of the demo store: given and family names from many languages and
//! scripts, each with the ASCII stem their email addresses are made from, and a few addresses
//! per country (streets and districts only, never a full postcode, so no real household is
//! named).
//!
//! Lists are written as words separated by white space: `Shown=stem`, or just `Shown` when
//! the name is plain ASCII (the stem is then its letters, lower-cased); `_` stands for a space
//! inside a name; `Masc|Fem` gives the two forms of a family name that changes with gender
//! (Polish, Greek), on both sides of `=`.

/// How a full name is put together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Order {
    /// "Given Family".
    GivenFamily,
    /// "Given Family Family" (Spanish and Portuguese double surnames).
    GivenTwoFamilies,
    /// "Family Given" (Vietnamese, Japanese in kana).
    FamilyGiven,
    /// "FamilyGiven" without a space (Chinese, Korean).
    FamilyGivenJoined,
}

/// The raw lists of one language or script.
struct CultureData {
    weight: u32,
    order: Order,
    female: &'static str,
    male: &'static str,
    family: &'static str,
    /// Address templates; `{n}` is a house number.
    addresses: &'static [&'static str],
}

/// One name: its two forms (masculine, feminine; equal for most) as shown and as stems.
#[derive(Clone, Debug)]
pub(crate) struct NameEntry {
    shown: [String; 2],
    stem: [String; 2],
}

impl NameEntry {
    /// The form for a woman (`true`) or a man.
    pub(crate) fn shown(&self, female: bool) -> &str {
        &self.shown[usize::from(female)]
    }

    /// The ASCII stem for a woman (`true`) or a man.
    pub(crate) fn stem(&self, female: bool) -> &str {
        &self.stem[usize::from(female)]
    }
}

/// One language's parsed lists.
#[derive(Clone, Debug)]
pub(crate) struct Culture {
    /// Relative share of the customers.
    pub(crate) weight: u32,
    /// Name order.
    pub(crate) order: Order,
    /// Women's given names.
    pub(crate) female: Vec<NameEntry>,
    /// Men's given names.
    pub(crate) male: Vec<NameEntry>,
    /// Family names.
    pub(crate) family: Vec<NameEntry>,
    /// Address templates.
    pub(crate) addresses: &'static [&'static str],
}

fn two(text: &str) -> [String; 2] {
    let (m, f) = text.split_once('|').unwrap_or((text, text));
    [m.replace('_', " "), f.replace('_', " ")]
}

/// The stem as written, lower-cased, without apostrophes, dashes and spaces (a name written
/// without `=` must be ASCII: the tests check that every stem is).
fn stem_of(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\'' | '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

fn parse(list: &'static str) -> Vec<NameEntry> {
    list.split_whitespace()
        .map(|item| {
            let (shown, stem) = item.split_once('=').unwrap_or((item, item));
            let [m, f] = two(stem);
            NameEntry {
                shown: two(shown),
                stem: [stem_of(&m), stem_of(&f)],
            }
        })
        .collect()
}

/// Every culture, parsed.
pub(crate) fn cultures() -> Vec<Culture> {
    CULTURES
        .iter()
        .map(|c| Culture {
            weight: c.weight,
            order: c.order,
            female: parse(c.female),
            male: parse(c.male),
            family: parse(c.family),
            addresses: c.addresses,
        })
        .collect()
}

/// Addresses in the United Kingdom, where the bakery is: most customers live there.
pub(crate) const UK_ADDRESSES: &[&str] = &[
    "{n} Station Road, Leeds LS6",
    "{n} Church Lane, Bristol BS3",
    "Flat {n}, Victoria Court, Manchester M14",
    "{n} High Street, Cardiff CF10",
    "{n} Mill Lane, Norwich NR2",
    "{n} Queen's Road, Brighton BN1",
    "{n} Albert Terrace, Edinburgh EH10",
    "{n} Market Street, London E1",
    "{n} Park View, Birmingham B13",
    "{n} Orchard Close, York YO10",
];

/// Notes an officer or a shop assistant might have written.
pub(crate) const NOTES: &[&str] = &[
    "Prefers contact by email.",
    "Asked not to be called before 10:00.",
    "Orders a birthday cake every March.",
    "Café owner; wholesale order every Monday.",
    "Collects from the Station Road shop.",
    "Asked for invoices to go to the accounts address.",
    "Took part in the 2024 bread-making workshop.",
    "Moved abroad; keeps the newsletter.",
];

/// Tags the business uses.
pub(crate) const TAGS: &[&str] = &[
    "wholesale",
    "vip",
    "loyalty-card",
    "cake-orders",
    "market-stall",
    "workshop",
    "newsletter-2023",
    "events",
    "b2b",
    "catering",
];

const CULTURES: &[CultureData] = &[
    // English (United Kingdom, Ireland, Wales, United States)
    CultureData {
        weight: 34,
        order: Order::GivenFamily,
        female: "Amelia Olivia Isla Emily Ava Sophie Grace Chloe Lucy Hannah Eleanor Freya \
                 Jessica Rebecca Laura Madison Brianna Niamh Aoife Siobhán=siobhan \
                 Róisín=roisin Gwen Megan Charlotte Mary_Ann=maryann Zoë=zoe",
        male: "Oliver Jack Harry George Noah Charlie Thomas James William Daniel Samuel \
               Joseph Michael David Matthew Ethan Tyler Seán=sean Ciarán=ciaran Dafydd \
               Rhys Liam Owen Alfie Arthur",
        family: "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright \
                 Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke Miller \
                 Davis Anderson Martin O'Brien O'Connor Fitzgerald MacDonald Hughes Baker \
                 Carter Lloyd Murphy Kelly Price Bennett",
        addresses: &[
            "{n} Main Street, Springfield, IL",
            "{n} Market Street, San Francisco, CA",
            "{n} Elm Avenue, Portland, OR",
        ],
    },
    // Spanish
    CultureData {
        weight: 7,
        order: Order::GivenTwoFamilies,
        female: "María=maria Lucía=lucia Sofía=sofia Carmen Martina Paula Elena Ana \
                 Inés=ines Nuria Begoña=begona Ainhoa María_José=mariajose",
        male: "José=jose Javier Alejandro Pablo Diego Sergio Álvaro=alvaro Jorge Raúl=raul \
               Íñigo=inigo Andrés=andres Juan_Carlos=juancarlos",
        family: "García=garcia Fernández=fernandez González=gonzalez Rodríguez=rodriguez \
                 López=lopez Martínez=martinez Sánchez=sanchez Pérez=perez Gómez=gomez \
                 Martín=martin Jiménez=jimenez Ruiz Hernández=hernandez Díaz=diaz Moreno \
                 Muñoz=munoz Álvarez=alvarez Romero Navarro Ortega Peña=pena Ibáñez=ibanez",
        addresses: &[
            "Calle Mayor {n}, 28013 Madrid",
            "Carrer de Mallorca {n}, 08036 Barcelona",
            "Avenida de la Constitución {n}, 41004 Sevilla",
        ],
    },
    // Polish
    CultureData {
        weight: 6,
        order: Order::GivenFamily,
        female: "Zofia Zuzanna Maja Łucja=lucja Małgorzata=malgorzata Agnieszka Katarzyna \
                 Ewa Joanna Magdalena Alicja Bożena=bozena",
        male: "Jakub Antoni Szymon Mikołaj=mikolaj Paweł=pawel Grzegorz Wojciech Tomasz \
               Krzysztof Piotr Łukasz=lukasz Jędrzej=jedrzej",
        family: "Nowak Kowalski|Kowalska=kowalski|kowalska Wiśniewski|Wiśniewska=wisniewski|wisniewska \
                 Wójcik=wojcik Kowalczyk Kamiński|Kamińska=kaminski|kaminska \
                 Lewandowski|Lewandowska=lewandowski|lewandowska \
                 Zieliński|Zielińska=zielinski|zielinska Woźniak=wozniak \
                 Dąbrowski|Dąbrowska=dabrowski|dabrowska Kozłowski|Kozłowska=kozlowski|kozlowska \
                 Mazur Krawczyk Król=krol Wieczorek Grabowski|Grabowska=grabowski|grabowska",
        addresses: &[
            "ul. Kwiatowa {n}, 00-001 Warszawa",
            "ul. Długa {n}, 31-147 Kraków",
            "ul. Piotrkowska {n}, 90-001 Łódź",
        ],
    },
    // German
    CultureData {
        weight: 6,
        order: Order::GivenFamily,
        female: "Emma Hannah Mia Sophie Lea Lena Marie Anna Käthe=kaethe Jana Jördis=joerdis \
                 Birgit",
        male: "Lukas Leon Finn Jonas Paul Maximilian Felix Jürgen=juergen Jörg=joerg \
               Günter=guenter Sören=soeren Matthias",
        family: "Müller=mueller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz \
                 Hoffmann Schäfer=schaefer Köhler=koehler Krüger=krueger Weiß=weiss \
                 Groß=gross Böhm=boehm Jäger=jaeger Größer=groesser",
        addresses: &[
            "Hauptstraße {n}, 10115 Berlin",
            "Schillerstraße {n}, 80336 München",
            "Mühlenweg {n}, 20095 Hamburg",
        ],
    },
    // French
    CultureData {
        weight: 5,
        order: Order::GivenFamily,
        female: "Léa=lea Chloé=chloe Manon Camille Inès=ines Zoé=zoe Hélène=helene \
                 Anaïs=anais Margaux Élodie=elodie Noémie=noemie Maëlle=maelle",
        male: "Gabriel Louis Raphaël=raphael Jules Hugo Étienne=etienne François=francois \
               Théo=theo Benoît=benoit Jérôme=jerome Loïc=loic Cédric=cedric",
        family: "Martin Bernard Dubois Thomas Robert Richard Petit Durand Lefèvre=lefevre \
                 Moreau Girard Rousseau Lambert Fontaine Mercier Chevalier Bonnet Lemaître=lemaitre",
        addresses: &[
            "{n} rue des Lilas, 75020 Paris",
            "{n} avenue Jean Jaurès, 69007 Lyon",
            "{n} quai des Chartrons, 33000 Bordeaux",
        ],
    },
    // Portuguese
    CultureData {
        weight: 3,
        order: Order::GivenTwoFamilies,
        female: "Ana Beatriz Mariana Conceição=conceicao Inês=ines Leonor Joana Margarida \
                 Luísa=luisa Sílvia=silvia",
        male: "João=joao José=jose António=antonio Gonçalo=goncalo Tiago Rodrigo Duarte \
               Vasco Simão=simao Luís=luis",
        family: "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins \
                 Gonçalves=goncalves Simões=simoes Magalhães=magalhaes Araújo=araujo",
        addresses: &[
            "Rua Augusta {n}, 1100-053 Lisboa",
            "Rua de Santa Catarina {n}, 4000-447 Porto",
        ],
    },
    // Turkish
    CultureData {
        weight: 3,
        order: Order::GivenFamily,
        female: "Zeynep Elif Ayşe=ayse Çağla=cagla Şule=sule Büşra=busra Gül=gul \
                 Özlem=ozlem Defne Irmak",
        male: "Mehmet Mustafa Ahmet Emre Burak Oğuz=oguz Çağrı=cagri İbrahim=ibrahim \
               Yiğit=yigit Barış=baris",
        family: "Yılmaz=yilmaz Kaya Demir Şahin=sahin Çelik=celik Yıldız=yildiz \
                 Yıldırım=yildirim Öztürk=ozturk Aydın=aydin Özdemir=ozdemir Arslan Doğan=dogan",
        addresses: &[
            "İstiklal Caddesi No:{n}, Beyoğlu, İstanbul",
            "Atatürk Bulvarı No:{n}, Çankaya, Ankara",
        ],
    },
    // Japanese, romanised (with macrons)
    CultureData {
        weight: 3,
        order: Order::GivenFamily,
        female: "Yui Sakura Hinata Aoi Mei Rin Yōko=yoko Haruka Misaki Yūna=yuna",
        male: "Haruto Sōta=sota Ren Yūto=yuto Kōki=koki Takumi Daiki Shōta=shota Kenji Riku",
        family: "Satō=sato Suzuki Takahashi Tanaka Watanabe Itō=ito Yamamoto Nakamura \
                 Kobayashi Katō=kato Ōno=ono Saitō=saito",
        addresses: &[
            "{n}-3 Nishi-Shinjuku, Shinjuku-ku, Tokyo",
            "{n}-1 Umeda, Kita-ku, Osaka",
        ],
    },
    // Japanese, in kana
    CultureData {
        weight: 2,
        order: Order::FamilyGiven,
        female: "ゆい=yui さくら=sakura ひなた=hinata あおい=aoi めい=mei りん=rin \
                 はるか=haruka みさき=misaki",
        male: "はると=haruto そうた=sota れん=ren ゆうと=yuto こうき=koki たくみ=takumi \
               だいき=daiki けんじ=kenji",
        family: "さとう=sato すずき=suzuki たかはし=takahashi たなか=tanaka わたなべ=watanabe \
                 いとう=ito やまもと=yamamoto なかむら=nakamura こばやし=kobayashi かとう=kato \
                 ヤマダ=yamada キムラ=kimura",
        addresses: &["東京都渋谷区神南1-{n}", "大阪府大阪市北区梅田2-{n}"],
    },
    // Yoruba (tone marks and subdots)
    CultureData {
        weight: 4,
        order: Order::GivenFamily,
        female: "Folákẹ́=folake Ayọ̀ká=ayoka Títílayọ̀=titilayo Mọ́rẹ́nikẹ́=morenike \
                 Ìyábọ̀=iyabo Fúnmiláyọ̀=funmilayo Bọ́láńlé=bolanle Yéwándé=yewande \
                 Ṣadé=sade Tèmítọ́pẹ́=temitope",
        male: "Adébáyọ̀=adebayo Olúwaṣeun=oluwaseun Bámidélé=bamidele Ọlálékan=olalekan \
               Adéwálé=adewale Babátúndé=babatunde Kọ́lá=kola Túndé=tunde Ṣọlá=sola \
               Ayọ̀délé=ayodele",
        family: "Adéyẹmí=adeyemi Àjàyí=ajayi Ògúnlẹ́yẹ=ogunleye Ọlátúnjí=olatunji \
                 Bámgbóṣé=bamgbose Adébísí=adebisi Òkèowó=okeowo Fáṣọlá=fasola \
                 Akínwándé=akinwande Ògúndélé=ogundele",
        addresses: &["{n} Allen Avenue, Ikeja, Lagos", "{n} Ring Road, Ibadan"],
    },
    // Hindi, in Devanagari
    CultureData {
        weight: 3,
        order: Order::GivenFamily,
        female: "अनन्या=ananya दिया=diya प्रिया=priya कविता=kavita नेहा=neha पूजा=pooja \
                 अदिति=aditi सुनीता=sunita",
        male: "आरव=aarav विवान=vivaan अर्जुन=arjun रोहन=rohan साहिल=sahil अमित=amit \
               राहुल=rahul विक्रम=vikram",
        family: "शर्मा=sharma वर्मा=verma गुप्ता=gupta सिंह=singh पटेल=patel कुमार=kumar \
                 जोशी=joshi मेहता=mehta अग्रवाल=agarwal राव=rao",
        addresses: &["{n} MG Road, Bengaluru", "{n} Linking Road, Bandra, Mumbai"],
    },
    // Indian names, romanised (many customers in the UK write them so)
    CultureData {
        weight: 4,
        order: Order::GivenFamily,
        female: "Ananya Diya Priya Kavita Neha Pooja Aditi Sunita Lakshmi Meera",
        male: "Aarav Vivaan Arjun Rohan Sahil Amit Rahul Vikram Sanjay Ravi",
        family: "Sharma Verma Gupta Singh Patel Kumar Joshi Mehta Agarwal Rao Iyer Chopra",
        addresses: &["{n} Park Street, Kolkata", "{n} Anna Salai, Chennai"],
    },
    // Arabic, in Arabic script
    CultureData {
        weight: 4,
        order: Order::GivenFamily,
        female: "فاطمة=fatima مريم=maryam نور=nour ليلى=layla سارة=sara هدى=huda \
                 ياسمين=yasmin رنا=rana",
        male: "محمد=mohammed أحمد=ahmed علي=ali يوسف=youssef عمر=omar خالد=khaled \
               حسن=hassan كريم=karim",
        family: "الحسيني=alhusseini العلي=alali حداد=haddad منصور=mansour الخطيب=alkhatib \
                 النجار=alnajjar عبد_الله=abdullah الشامي=alshami صالح=saleh المصري=almasri",
        addresses: &["شارع الملك فهد {n}، الرياض", "{n} شارع الحمراء، بيروت"],
    },
    // Greek
    CultureData {
        weight: 3,
        order: Order::GivenFamily,
        female: "Μαρία=maria Ελένη=eleni Αικατερίνη=aikaterini Σοφία=sofia Δήμητρα=dimitra \
                 Γεωργία=georgia Ιωάννα=ioanna Αναστασία=anastasia",
        male: "Γιώργος=giorgos Δημήτρης=dimitris Κωνσταντίνος=konstantinos Νίκος=nikos \
               Γιάννης=giannis Παναγιώτης=panagiotis Χρήστος=christos Αλέξανδρος=alexandros",
        family: "Παπαδόπουλος|Παπαδοπούλου=papadopoulos|papadopoulou \
                 Παπαγεωργίου=papageorgiou Οικονόμου=oikonomou \
                 Γεωργίου=georgiou Νικολάου=nikolaou \
                 Βασιλείου=vasileiou Καραγιάννης|Καραγιάννη=karagiannis|karagianni \
                 Αντωνίου=antoniou Δημητρίου=dimitriou \
                 Μακρής|Μακρή=makris|makri",
        addresses: &[
            "Ερμού {n}, 105 63 Αθήνα",
            "Τσιμισκή {n}, 546 24 Θεσσαλονίκη",
        ],
    },
    // Vietnamese (family name first, with the middle name in the given name)
    CultureData {
        weight: 4,
        order: Order::FamilyGiven,
        female: "Thị_Mai=mai Thị_Hương=huong Ngọc_Anh=anh Thu_Thảo=thao Thị_Lan=lan \
                 Thùy_Linh=linh Thị_Trang=trang Phương_Thảo=phuong",
        male: "Văn_Minh=minh Văn_Dũng=dung Minh_Tuấn=tuan Văn_Hải=hai Quang_Huy=huy \
               Đức_Anh=anh Văn_Hùng=hung Khánh_Duy=duy",
        family: "Nguyễn=nguyen Trần=tran Lê=le Phạm=pham Hoàng=hoang Huỳnh=huynh Phan \
                 Vũ=vu Võ=vo Đặng=dang Bùi=bui Đỗ=do Hồ=ho Ngô=ngo Dương=duong",
        addresses: &[
            "{n} Lê Lợi, Quận 1, Thành phố Hồ Chí Minh",
            "{n} Phố Hàng Bạc, Hoàn Kiếm, Hà Nội",
        ],
    },
    // Chinese, in Han characters
    CultureData {
        weight: 3,
        order: Order::FamilyGivenJoined,
        female: "芳=fang 娜=na 秀英=xiuying 静=jing 丽=li 婷=ting 雪=xue 慧=hui",
        male: "伟=wei 强=qiang 磊=lei 军=jun 洋=yang 勇=yong 杰=jie 浩=hao",
        family: "王=wang 李=li 张=zhang 刘=liu 陈=chen 杨=yang 黄=huang 赵=zhao 吴=wu \
                 周=zhou 徐=xu 孙=sun",
        addresses: &["上海市徐汇区衡山路{n}号", "北京市朝阳区建国路{n}号"],
    },
    // Korean, in Hangul
    CultureData {
        weight: 2,
        order: Order::FamilyGivenJoined,
        female: "서연=seoyeon 지우=jiwoo 민서=minseo 하은=haeun 수빈=subin 지민=jimin",
        male: "민준=minjun 서준=seojun 도윤=doyun 예준=yejun 시우=siwoo 현우=hyunwoo",
        family: "김=kim 이=lee 박=park 최=choi 정=jung 강=kang 조=cho 윤=yoon 장=jang 임=lim",
        addresses: &[
            "서울특별시 강남구 테헤란로 {n}",
            "부산광역시 해운대구 해운대로 {n}",
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_has_an_ascii_stem_and_every_list_is_filled() {
        for c in cultures() {
            assert!(c.weight > 0 && !c.addresses.is_empty());
            for list in [&c.female, &c.male, &c.family] {
                assert!(list.len() >= 6, "{list:?}");
                for e in list {
                    for female in [false, true] {
                        let stem = e.stem(female);
                        assert!(
                            !stem.is_empty() && stem.chars().all(|c| c.is_ascii_lowercase()),
                            "{e:?}"
                        );
                        assert!(!e.shown(female).trim().is_empty(), "{e:?}");
                        assert!(!e.shown(female).contains('_'), "{e:?}");
                    }
                }
            }
            for a in c.addresses {
                assert!(a.contains("{n}"), "{a}");
            }
        }
        for a in UK_ADDRESSES {
            assert!(a.contains("{n}"), "{a}");
        }
    }

    #[test]
    fn gendered_family_names_have_two_forms() {
        let polish = &cultures()[2];
        let kowalski = polish
            .family
            .iter()
            .find(|e| e.stem(false) == "kowalski")
            .expect("Kowalski");
        assert_eq!(kowalski.shown(true), "Kowalska");
        assert_eq!(kowalski.stem(true), "kowalska");
        let english = &cultures()[0];
        let obrien = english
            .family
            .iter()
            .find(|e| e.shown(false) == "O'Brien")
            .expect("O'Brien");
        assert_eq!(obrien.stem(true), "obrien");
    }
}
