"""The fixed word lists entity discovery reads: titles, organisation, place and event words, particles, dates,
stop words, demonyms and everyday words."""

from __future__ import annotations

# A small, fixed table of the abbreviations news text uses for a handful of very common names;
# acronyms defined in the text itself ("Fars News Agency (FNA)") are found by discovery.
ABBREVIATIONS = {
    "US": "United States", "U.S.": "United States", "USA": "United States",
    "U.S.A.": "United States", "United States of America": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "America": "United States",
    "UN": "United Nations", "U.N.": "United Nations",
    "EU": "European Union", "E.U.": "European Union",
    "USSR": "Soviet Union", "U.S.S.R.": "Soviet Union",
    "UAE": "United Arab Emirates", "DPRK": "North Korea",
    "Islamic Republic of Iran": "Iran", "Russian Federation": "Russia",
    "People's Republic of China": "China", "Republic of Korea": "South Korea", "New York City": "New York",
    "NYC": "New York",
}

# Organisations almost always written as bare acronyms; typing evidence only.
KNOWN_ORGANIZATIONS = frozenset({
    "NATO", "OPEC", "BBC", "CNN", "NASA", "FBI", "CIA", "IMF", "WTO", "FIFA", "UEFA", "IBM",
    "BRICS", "ASEAN", "OECD", "UNESCO", "UNICEF", "Interpol", "Reuters", "Microsoft", "Google",
    "Apple", "Sony", "Nintendo", "Intel", "Yahoo", "Amazon", "Facebook", "Twitter", "Wikipedia",
    "Wikinews", "Labour", "Conservatives", "Tories", "Hamas", "Hezbollah", "Taliban",
    "Al-Qaeda", "Al Qaeda", "European Union", "United Nations", "Kremlin", "Pentagon",
    "Congress", "Parliament", "Senate", "WHO",
})

# Words that make a capitalised phrase a person's title; they are stripped from the name.
TITLES = frozenset({
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Prof", "Prof.", "Professor",
    "Sir", "Dame", "Lord", "Lady", "Baroness", "Baron", "King", "Queen", "Prince", "Princess",
    "Pope", "Ayatollah", "Imam", "Sheikh", "Sheik", "Seyed", "Seyyed", "Sayyid", "Sayed", "Hojatoleslam",
    "Rev", "Rev.", "Reverend", "Bishop", "Archbishop", "Cardinal", "Rabbi", "Senator", "Sen.",
    "Rep.", "Representative", "Congressman", "Congresswoman", "Governor", "Gov.", "Mayor",
    "President", "Premier", "Chancellor", "Minister", "Secretary", "Leader", "Chairman",
    "Chairwoman", "Chief", "Commissioner", "Ambassador", "Envoy", "Spokesman", "Spokeswoman",
    "General", "Gen.", "Colonel", "Col.", "Captain", "Capt.", "Lieutenant", "Lt.", "Sergeant",
    "Sgt.", "Admiral", "Commander", "Marshal", "Major", "Judge", "Justice", "Detective",
    "Inspector", "Officer", "Director", "Chief Executive", "CEO", "Coach", "Manager",
    "Emir", "Sultan", "Shah", "Vice", "Deputy", "Speaker", "Exchequer", "DJ", "Treasurer", "Duke", "Duchess",
    "Earl", "Countess", "Viscount", "Marquess",
})

# Party labels written before politicians' names ("Tory Michael Howard"); some are given names too.
PARTY_LABELS = frozenset({
    "Tory", "Tories", "Labour", "Conservative", "Liberal", "Democrat", "Democratic", "Republican",
    "Socialist", "Unionist", "Nationalist", "Green", "Communist", "Lib", "Dem",
})
# Nicknames of parties that news text uses as often as the names.
PARTY_SYNONYMS = {"Tory": "Conservative", "Tories": "Conservatives", "Tory Party": "Conservative Party"}

# Titles that say by themselves that a person follows ("Mr Brown"); other titles ("General", "Leader")
# also head common phrases ("General Election").
HONORIFICS = frozenset({
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Prof", "Prof.", "Professor", "Sir",
    "Dame", "Lord", "Lady", "Baroness", "Baron", "Rev", "Rev.", "Reverend", "Ayatollah", "Imam", "Sheikh",
    "Sheik", "Rabbi", "Hojatoleslam", "Senator", "Sen.", "Congressman", "Congresswoman",
})

# Words that may stand before a title and belong to it ("Prime Minister", "Supreme Leader").
TITLE_MODIFIERS = frozenset({
    "Prime", "Foreign", "Home", "Defence", "Defense", "Interior", "Finance", "Health",
    "Education", "Culture", "Trade", "Industry", "Environment", "Transport", "Justice",
    "Supreme", "Deputy", "Vice", "Former", "Acting", "Shadow", "Executive", "Chief", "Grand",
    "Crown", "First", "Attorney", "Secretary", "Solicitor", "Opposition", "Assistant",
    "Managing", "Technical", "Senior", "State", "Cabinet", "Treasury", "General", "High", "Affairs",
})

# Words that end (or head) an organisation's name. "United" counts only at the end ("Leeds United").
ORGANIZATION_WORDS = frozenset({
    "Agency", "Council", "Ministry", "Party", "Organization", "Organisation", "Group", "Inc",
    "Inc.", "Corp", "Corp.", "Corporation", "Company", "Co", "Co.", "Ltd", "Ltd.", "LLC", "plc",
    "PLC", "Bank", "University", "College", "School", "Institute", "Committee", "Commission",
    "Association", "Federation", "Foundation", "Society", "Department", "Office", "Bureau",
    "Authority", "Service", "Services", "Court", "Parliament", "Congress", "Senate", "Assembly",
    "Army", "Navy", "Forces", "Police", "Church", "Club", "FC", "United", "Airlines", "Airways",
    "Motors", "Records", "Studios", "Times", "Post", "News", "Press", "Journal", "Network",
    "Television", "TV", "Radio", "Magazine", "Museum", "Hospital", "Fund", "Trust", "Board",
    "Alliance", "Coalition", "Movement", "Front", "League", "Team", "Brotherhood", "Laboratory",
    "Laboratories", "Labs", "Systems", "Technologies", "Software", "Games", "Entertainment",
    "Media", "Holdings", "Industries", "Reserve", "Exchange", "Tribunal", "Cabinet",
    "Government", "Administration", "Embassy", "Union", "Nations", "Democrats", "Republicans",
    "Guard", "Corps", "Brigade", "Regiment", "Division", "Conference", "Center", "Centre",
    "Academy", "Library", "Orchestra", "Band", "Channel", "Broadcasting", "Communications",
    "Electric", "Energy", "Oil", "Petroleum", "Pharmaceuticals", "Airport", "Project", "Bros", "Brothers",
    "Telegraph", "Herald", "Tribune", "Gazette", "Mail", "Mirror", "Chronicle", "Observer", "Courier",
    "Standard", "Cruises", "Railways", "Rail", "Telecom", "Pictures", "Bancorp", "Securities", "Daily",
    "Rovers", "Athletic", "Wanderers", "Albion", "Hotspur", "Argyle", "Villa", "Harlequins",
})

# Heads that take an "of" phrase into the name: "University of Helsinki", "Gulf of Mexico".
JOIN_HEADS = ORGANIZATION_WORDS | frozenset({
    "Republic", "Kingdom", "Gulf", "Bay", "Sea", "Isle", "Islands", "Cape", "Strait", "House",
    "Palace", "Statue", "Province", "State", "States", "Commonwealth", "Federation", "Bank",
    "Festival", "Games", "Cup", "Championship", "Prize", "Award", "Awards", "Book", "Lake",
    "Mount", "River", "Hall", "Tower", "Battle", "Treaty", "Declaration", "Act", "Axis",
})

PLACE_WORDS = frozenset({
    "Province", "County", "River", "Mountains", "Mountain", "Island", "Islands", "Lake", "Mount",
    "Street", "Square", "Avenue", "Road", "Valley", "Bay", "Sea", "Ocean", "Strait", "Peninsula",
    "Desert", "Region", "District", "Canyon", "Airport", "Park", "Bridge", "Coast", "Beach",
    "Mosque", "Temple", "Cathedral", "City", "Stadium", "Arena", "Palace", "Castle", "Abbey", "Hills", "Memorial",
    "Dome", "Racecourse", "Circuit", "Dam",
})
# First words of place names: "Isle of Wight", "Gulf of Mexico", "South West", "East Midlands".
PLACE_HEADS = frozenset({
    "Mount", "Lake", "Cape", "Isle", "Gulf", "Bay", "Strait", "Sea", "North", "South", "East", "West",
    "Northern", "Southern", "Eastern", "Western", "Central", "Upper", "Lower", "Greater", "Mid",
})

# Words that are names only inside a longer name: alone they are common nouns or directions.
NOT_ALONE = frozenset({
    "North", "South", "East", "West", "Internet", "Web", "Net", "City", "Town", "Earth", "Sun",
    "Moon", "State", "States", "Studio", "Court", "Church", "Council", "Government", "Party",
    "Republic", "Kingdom", "Empire", "Union", "Federal", "National", "International", "Royal",
    "Premier", "League", "Cup", "Championship", "Prize", "Award", "Awards", "Section", "Chapter",
    "Olympic", "Paralympic",  # adjectives alone: "an Olympic champion", "the Paralympic movement"
})

# Acronyms of common nouns: never names by themselves, and not part of the name they follow ("Labour MPs").
COMMON_ACRONYMS = frozenset({
    "MP", "MPs", "MEP", "MEPs", "MSP", "MSPs", "PC", "PCs", "TV", "DVD", "DVDs", "CD", "CDs", "GMT",
    "PM", "AM", "CEO", "CEOs", "DJ", "DJs", "GDP", "VAT", "PR", "IT", "ID", "HIV", "AIDS", "SMS",
    "MP3", "PDF", "URL", "FAQ", "Q", "A", "OK", "VIP", "AGM", "IPO", "UFO", "HD", "GPS", "PIN",
    # Things, diseases and technologies, written as acronyms in any English news text.
    "DNA", "RNA", "IQ", "UV", "LCD", "LED", "USB", "RFID", "HDTV", "DSL", "ADSL", "P2P", "DDoS", "DoS",
    "ISP", "ATM", "SUV", "AWOL", "FDI", "Aids", "Sars", "SARS", "BSE", "MRSA", "WMD", "HGV", "IVF",
    "ADHD", "OS", "PVR", "LPG", "LNG", "CCTV", "SIM", "PDA",
    # Letters after a name: "Guy Mansfield QC" is Guy Mansfield.
    "QC", "QCs", "KC", "OBE", "MBE", "CBE", "KBE",
})


def is_common_acronym(word: str) -> bool:
    """ "DNA", "HDTVs": an acronym of a common noun, or its plural."""
    return word in COMMON_ACRONYMS or (word[-1:] == "s" and word[:-1] in COMMON_ACRONYMS and word[:-1].isupper())


# Words that make a name an event, work or award rather than an organisation.
OTHER_WORDS = frozenset({
    "Prize", "Award", "Awards", "Cup", "Championship", "Championships", "Games", "Olympics",
    "Festival", "War", "Battle", "Treaty", "Act", "Declaration", "Day", "Week", "Show", "Expo",
    "Revolution", "Uprising", "Olympic", "Paralympics", "Christmas", "Easter", "Grand Prix", "Prix",
    "Premiership", "Liga", "Bundesliga",  # leagues are competitions, as cups are
})
# Event words only at the end of a name: "Australian Open", "Tour de France" aside, "Open University" is none.
OTHER_END_WORDS = frozenset({"Open", "Trophy", "Marathon", "Summit", "Election", "Elections", "Slam", "Series",
                             "Bill", "Rally", "Agreement", "Accord", "Accords", "Convention", "Protocol",
                             "Charter", "Directive", "Report", "Survey", "Index", "Tour", "Indoors", "Sevens",
                             "Conference"})  # a meeting, not a body: "Game Developers Conference"

# Particles that join capitalised words inside a personal or place name ("Osama bin Laden").
NAME_PARTICLES = frozenset({
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "van", "von",
    "der", "den", "ter", "bin", "ibn", "al", "el", "y", "&",
})

WEEKDAYS = frozenset({"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})
MONTHS = frozenset({
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
})

# Capitalised words that are not names: they start sentences, or are boilerplate.
STOP_WORDS = frozenset("""
a about above according across actually after afterwards again against ago ah all almost also
although always am among an and another any anyone anything are as at back be because been
before being below besides between both but by can could did do does doing done during each
either else even ever every everyone everything for from further had has have having he her
here hers herself him himself his how however i if in indeed instead into is it its itself
just last later least less let like many may maybe me meanwhile might mine more moreover most
much must my myself near neither never nevertheless next no nobody none nor not nothing now of
off often oh ok okay on once one only or other others otherwise our ours ourselves out over
own perhaps please rather same several she should since so some someone something sometimes
soon still such than that the their theirs them themselves then there thereafter therefore
these they this those though through thus to today together tomorrow too toward towards under
unless unlike until up upon us very via was we well were what whatever when whenever where
whereas whether which while who despite whoever whom whose why will with within without would yes yet
yesterday you your yours yourself yourselves first second third fourth fifth many few
hey hi hello oh wow yeah um uh no yes thanks please okay
speaking asked says said reports report check also read see image photo file source sources
related analysis update updated comment comments share click copyright all rights reserved
chapter part section page figure table mesop news online editor editorial opinion interview
q a ok thanks thank hi hello dear sir madam ms mr mrs dr st
furthermore likewise additionally consequently accordingly hence similarly conversely alternatively
incidentally nonetheless subsequently ultimately admittedly
""".split())

DEMONYM_SUFFIXES = ("ian", "an", "ese", "ish", "i", "ic", "n", "ean", "ite")
IRREGULAR_DEMONYMS = frozenset({
    "British", "French", "Dutch", "Swiss", "Welsh", "Irish", "Scottish", "Scots", "English",
    "Greek", "Thai", "Czech", "Filipino", "Argentine", "Peruvian", "Danish", "Swedish",
    "Finnish", "Polish", "Turkish", "Spanish", "Portuguese", "Arab", "Arabic", "Kurdish",
    "Persian", "Islamic", "Muslim", "Christian", "Jewish", "Catholic", "Sunni", "Shia", "Shiite",
    "Western", "Eastern", "Northern", "Southern", "European", "American", "African", "Asian",
    "Soviet", "Israeli", "Iraqi", "Pakistani", "Saudi", "Afghan", "Kuwaiti", "Yemeni", "Qatari",
    "Omani", "Bahraini", "Bangladeshi", "Nepali", "Somali", "Kiwi", "Aussie", "Latino",
    "Hispanic", "Briton", "Britons", "Brit", "Brits", "Scot", "Palestinian", "Korean", "Chinese", "Japanese", "Russian", "Iranian", "German",
    "Italian", "Indian", "Canadian", "Australian", "Mexican", "Brazilian", "Egyptian", "Syrian",
    "Ukrainian", "Belgian", "Norwegian", "Austrian", "Hungarian", "Romanian", "Serbian",
    "Croatian", "Nigerian", "Kenyan", "Scandinavian", "Hindu", "Buddhist", "Latin",
})


# Everyday English words, in lower case. A capitalised word seen only where any word is capitalised
# (a sentence, heading, list item or table cell start) is an ordinary word when it is one of these,
# or an inflection of one ("Boats", "Details"). Surnames that are also nouns are left out on purpose.
PLAIN_WORDS = frozenset("""
account action activity address advice age agency agreement aid aim air airport album amount analysis
analyst animal answer appeal application approach area argument arm army arrival art article artist
aspect attack attempt attention audience author average award background balance ball band bank bar
base basis battle beach bed benefit bid bill birth board boat body bomb bond book border boss bottle
box boy brand bread break bridge brother budget building bus business buyer cabinet call camera camp
campaign candidate capital car card care career case cash cause centre century chair challenge
champion chance change chapter character charge chart chief child choice church citizen city claim
class client climate club coach coast code colleague collection college colour column comment company
comparison competition complaint concern conclusion condition conference conflict contact content
contents context contract control cost council count country county couple course court cover crash
credit crime crisis critic crowd cup customer cut damage danger data date daughter day deal death debate
debt decade decision defence deficit degree delay demand department deputy description design detail
development device difference difficulty director discussion disease doctor document dog door doubt
draft drama dream drink driver drug duty earnings economy edition editor education effect effort
election element email employee employer end energy engine entry environment episode error estimate
event evidence exam example exchange executive exercise expert export eye face fact factor failure
family fan farm farmer father fear feature fee festival field fight figure file film finance finding
fire firm fish flight floor food foot force forecast form fortune fund future gain game gap garden gas
gift girl goal gold government grade grant ground group growth guest guide gun hand harbour harvest
head headline health hearing heart heat help highlight history holiday home hope horse hospital host
hotel hour house household idea image impact import income increase index industry information injury
inquiry interest interview investment investor island issue item job journey judge jury key kid kind
label lack lady land language law lawyer leader league lesson letter level licence life light limit
line link list loan location loss lot machine magazine majority man manager map market match matter
meal meaning measure media meeting member memory message method middle mile minister minute model
moment money month morning mother motor move movie music name nation network news newspaper night
note notice number offer office officer official oil operation opinion option order organisation
outcome output owner page pain pair panel paper parent part partner party passenger patient pay payment
peace pension people percentage performance period person phone photo picture piece place plan plane
plant player point police policy poll population port position post pound power practice premium
president press pressure price prison prize problem process producer product production profit
programme project property proposal protest public purpose quality quarter question race radio range
rate rating reader reason record region report reporter request research resident response result
return revenue review rise risk road role room round rule safety salary sale sample saving scale
scene schedule scheme school science score screen sea season seat second sector security seller series
service session set share ship shop shot show side sign signal site situation size skill society
software soldier son song sound source speech sport staff stage star start state statement station
status step stock store story strategy street strike student study style subject success summary
supply support survey system table talk target task tax teacher team technology television term test
text theatre theme thing threat ticket time title today top total tour town track trade traffic
training transport treatment trial trip trouble truth turn type union unit update user value version
victim video view village violence visit visitor voice vote voter wage war warning water way wealth
weapon weather website week weekend weight welfare while wife window winner winter woman word work
worker world writer year yesterday youth zone
""".split())
