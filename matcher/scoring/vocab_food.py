"""Concepts: farm produce and food industry (dairy, meat, fish, grain, sugar, confectionery, drinks)."""

# id[:weight] | broader | RU phrases ; … | EN phrases ; … | HS prefixes | NACE classes
TABLE = """
food | | продукты питания; пищев* продукц*; продовольств*; пищев* продукт* | food; food products; foodstuffs; groceries; food stuffs | 02,03,04,16,17,18,19,20,21 | 10.89
dairy | food | молочн* продукц*; молочн* продукт*; молочка; молочн* | dairy; dairy products; milk products | 0401,0402,0403,0404,0405,0406 | 10.51
milk | dairy | молок*; питьев* молок*; сырое молоко; сливк* | milk; drinking milk; raw milk; cream | 0401 | 10.51
milk_powder | dairy | сух* молок*; сухое обезжиренное молоко; смо; сцм; сгущенк*; сгущен* молок*; сыворотк* | milk powder; skimmed milk powder; smp; whole milk powder; condensed milk; whey; whey powder | 0402,0404 | 10.51
fermented_milk | dairy | кефир*; йогурт*; ряженк*; сметан*; кисломолочн*; простокваш* | yogurt; kefir; sour cream; fermented milk; drinkable yogurt | 0403 | 10.51
butter | dairy | масло сливочное; сливочное масло; сливочн* масл*; спред* | butter; dairy spread | 0405 | 10.51
cheese | dairy | сыр; сыры; сыра; сыров; твердые сыры; плавлен* сыр*; сырн*; творог*; творожн* | cheese; hard cheese; processed cheese; cottage cheese; curd; quark | 0406 | 10.51
ice_cream | dairy | морожен* | ice cream | 2105 | 10.52
meat | food | мяс*; говядин*; свинин*; баранин*; мясн* сырь*; полутуш*; туша; туши | meat; beef; pork; lamb; carcasses; raw meat | 0201,0202,0203,0204 | 10.11
poultry | meat | птиц*; курин*; бройлер*; цыпл*; индейк*; окорочк* | poultry; chicken; broiler; turkey | 0207 | 10.12
sausage | meat | колбас*; сосиск*; сардельк*; мясн* деликатес*; ветчин*; копчен* | sausage; sausages; frankfurters; ham; smoked meat; deli meats | 1601 | 10.13
canned_meat | meat | мясн* консерв*; тушенк* | canned meat; stewed meat | 1602 | 10.13
fish | food | рыб*; сельд*; скумбри*; лосос*; треск*; морепродукт*; пресерв* | fish; frozen fish; herring; mackerel; salmon; cod; seafood | 0302,0303,0304,1604,1605 | 10.20
eggs | food | яйц*; яичн* | eggs; egg powder | 0407,0408 | 01.47
vegetables | food | овощ*; капуст*; морков*; лук репчат*; свекл* столов* | vegetables; cabbage; carrots; onions | 0702,0703,0704,0706 | 01.13
potato | vegetables | картофел*; картошк* | potato; potatoes; seed potatoes | 0701 | 01.13
potato_products | potato | чипс*; картофельн* хлопь*; картофельн* пюре; крахмал* | chips; crisps; potato flakes; mashed potato; starch | 200520,110520,1108 | 10.31,10.62
fruit | food | фрукт*; ягод*; яблок* | fruit; berries; apples | 08 | 01.24,01.25
frozen_vegetables | vegetables | заморожен* овощ*; быстрозаморожен*; замороженн* ягод* | frozen vegetables; frozen berries | 0710,0811 | 10.39
canned_food | food | консерв*; консервирован*; соленья; маринован* | canned food; canned vegetables; preserves; pickles | 2001,2005 | 10.39
juice | food | сок; соки; нектар* | juice; juices; nectar | 2009 | 10.32
grain | food | зерн*; пшениц*; ячмен*; рожь; ржи; кукуруз*; овес; овса | grain; wheat; barley; rye; corn; maize; oats | 1001,1002,1003,1004,1005 | 01.11
oilseeds | grain | рапс*; подсолнечник*; соя; соев* | rapeseed; canola; sunflower seeds; soybeans | 1201,1205,1206 | 01.11
flour | grain | мука; муки; мучн*; крупа; крупы; мельниц* | flour; wheat flour; groats; cereals; flour mill | 1101,1102,1103,1104 | 10.61
bakery | food | хлеб*; хлебобулочн*; выпечк*; сухар* | bread; bakery products; pastry; rusks | 1905 | 10.71
biscuits | bakery | печень*; крекер*; вафл*; пряник* | biscuits; cookies; crackers; wafers | 190531,190532 | 10.72
pasta | food | макарон*; лапш* | pasta; noodles; macaroni | 1902 | 10.73
sugar | food | сахар*; сахар песок; рафинад* | sugar; white sugar; beet sugar; refined sugar | 1701 | 10.81
confectionery | food | кондитерск*; конфет*; карамел*; зефир*; пастил*; мармелад*; ирис*; халв* | confectionery; sweets; candies; candy; marshmallow; jelly; caramel; toffee | 1704,1806 | 10.82
chocolate | confectionery | шоколад*; какао* | chocolate; cocoa | 1806,1805,1803 | 10.82
coffee_tea | food | кофе; чай; чая | coffee; tea | 0901,0902 | 10.83
vegetable_oil | food | растительн* масл*; подсолнечн* масл*; рапсов* масл*; маргарин* | vegetable oil; sunflower oil; rapeseed oil; margarine | 1512,1514,1517 | 10.41,10.42
sauces | food | соус*; майонез*; кетчуп*; приправ*; специи; пряност* | sauces; mayonnaise; ketchup; spices; seasonings | 2103,0904 | 10.84
baby_food | food | детск* питани*; детск* смес* | baby food; infant formula | 190110 | 10.86
animal_feed | food | комбикорм*; корм*; премикс* | animal feed; compound feed; fodder; premix | 2309 | 10.91
beverages | food | напитк*; минеральн* вод*; газированн*; лимонад* | beverages; soft drinks; mineral water | 2201,2202 | 11.07
beer | beverages | пиво; пива; солод* | beer; malt | 2203,1107 | 11.05
spirits | beverages | водк*; ликеро водочн*; спирт*; алкогол* | vodka; spirits; liquor; alcohol | 2208 | 11.01
livestock | | крс; скот; телят*; нетел*; свиньи; поголов*; племенн* | cattle; livestock; heifers; pigs; breeding stock | 0102,0103 | 01.41,01.46
seeds | | семена; семян; семенн* | seeds; seed | 1209,1001 | 01.30
honey | food | мед пчелин*; пчелин* | honey | 0409 | 01.49
"""
