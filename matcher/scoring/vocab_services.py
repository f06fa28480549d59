"""Concepts: services (training, engineering, IT, logistics, repair, testing) and consumer goods."""

# Concepts of this table are services, except these goods that sit with them.
GOODS = frozenset({"simulator", "toys_sports"})

# id[:weight] | broader | RU phrases ; … | EN phrases ; … | HS prefixes | NACE classes
TABLE = """
education | | обучени*; образовательн*; учебн* центр*; курс*; тренинг*; повышени* квалификаци*; переподготовк*; подготовк* кадров; подготовк* специалистов; профессиональн* подготовк* | training; education; courses; upskilling; retraining; qualification; academy; training center | | 85.59,85.32,85.42
vocational_training | education | профессиональн* обучени*; рабоч* профессий; профтехобразовани*; колледж*; подготовк* операторов; подготовк* рабочих; обучени* операторов; обучени* персонал*; профессиональн* образовани*; техникум*; производственн* обучени*; наставничеств* | vocational training; vocational education; operator training; apprenticeship; technical college; workforce training; vocational school; skills training; technical training; dual education | | 85.32,85.59
simulator | education | тренажер*; симулятор* | simulator; training simulator | 9023 | 85.59
engineering_services | | инжиниринг*; проектировани*; проектн* документац*; конструкторск*; технологическ* планировк*; рабоч* документац* | engineering services; engineering design; design documentation; detailed design; plant layout; industrial design | | 71.12
architecture | engineering_services | архитектурн*; градостроительн* | architecture; architectural design | | 71.11
automation | engineering_services | автоматизаци*; асу тп; асутп; плк; scada; систем* управлени* | automation; industrial automation; plc; scada; control systems | 8537 | 71.12,33.20
installation | | монтаж*; пусконаладк*; шеф монтаж | installation; commissioning; erection | | 33.20,43.29
repair | | ремонт*; модернизац*; капремонт*; техническ* обслуживани*; сервисн* обслуживани*; сервис | repair; maintenance; overhaul; retrofit; modernization; service | | 33.12
testing | | испытани*; сертификац*; декларац* соответстви*; лаборатор*; метролог*; поверк* | testing; certification; conformity assessment; laboratory; calibration | | 71.20
software | | программн* обеспечени*; разработк* по; информационн* систем*; erp; crm; it решени*; 1с | software; software development; erp; crm; it solutions; information systems | | 62.01,62.02
logistics | | логистик*; перевозк*; грузоперевозк*; доставк* груз*; экспедировани*; транспортн* услуг* | logistics; freight; transportation; trucking; freight forwarding; haulage | | 49.41,52.29
warehousing | logistics | складск*; хранени*; склад; склада | warehousing; storage; warehouse | | 52.10
customs | logistics | таможенн* | customs clearance; customs broker | | 52.29
construction_works | | строительств*; строительно монтажн*; генподряд*; строительн* работ* | construction; general contractor; construction works; civil works | | 41.20,42.99
road_construction | construction_works | строительств* дорог*; ремонт дорог*; дорожн* строительств*; дорожн* работ* | road construction; road building; road repair; paving works | | 42.11
leasing | | лизинг*; аренд* техник*; аренд* оборудовани* | leasing; equipment rental; machinery rental | | 64.91,77.32
consulting | | консалтинг*; консультаци*; бизнес консульт* | consulting; consultancy; advisory | | 70.22
recycling | | переработк* отход*; утилизац*; вторсырь*; металлолом* | recycling; waste management; scrap | 7204 | 38.32
agri_services | | агросервис*; агрохимическ* услуг*; уборк* урожа* | agricultural services; crop services | | 01.61
catering | | общественн* питани*; кейтеринг*; школьн* питани* | catering; food service; horeca | | 56.29
tourism | | туризм*; туристическ*; гостиниц* | tourism; hotels; travel | | 79.11,55.10
toys_sports | | игрушк*; спортивн* инвентар* | toys; sports equipment | 9503,9506 | 32.40,32.30
"""
