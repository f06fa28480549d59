"""Concepts: wood and forestry products, building materials, metals, chemicals, plastics, textiles."""

# id[:weight] | broader | RU phrases ; … | EN phrases ; … | HS prefixes | NACE classes
TABLE = """
forestry | | лесное хозяйство; лесн* отрасл*; лесопромышленн* | forestry; forest industry | | 02.10,02.20
wood_products | | деревообработк*; изделия из древесины; древесин* | wood products; timber products; woodworking; wood | 44 | 16.10,16.21,16.23
roundwood | forestry | круглый лес; лесоматериал* круглые; пиловочник*; балансов* древесин*; лесозаготовк*; заготовка древесины; рубк*; кругляк*; бревн* | roundwood; logs; saw logs; pulpwood; logging; timber harvesting; round timber; timber logs | 4403 | 02.20
sawn_timber | wood_products | пиломатериал*; доска обрезная; обрезная доска; брус; брусок; погонаж* | sawn timber; lumber; sawn wood; sawnwood; boards; planks; timber | 4407,4409 | 16.10
plywood | wood_products | фанер* | plywood; veneer | 4412,4408 | 16.21
particle_board | wood_products | дсп; лдсп; древесно стружечн*; osb; осп; ориентированно стружечн* | particle board; particleboard; chipboard; osb; oriented strand board | 4410 | 16.21
fibreboard | wood_products | мдф; двп; древесно волокнист*; хдф | mdf; fibreboard; fiberboard; hdf; hardboard | 4411 | 16.21
wood_pellets | wood_products | пеллет*; топливные гранулы; древесные гранулы; щепа; брикеты топливные | wood pellets; pellets; wood chips; fuel briquettes | 4401 | 16.29
wooden_construction | wood_products | деревянн* дом*; клееный брус; домокомплект*; деревянные окна; деревянные двери; столярн* | timber frame house; log house; glulam; wooden windows; wooden doors; joinery | 4418,9406 | 16.23
pallets | wood_products | поддон*; паллет*; деревянная тара | pallets; wooden packaging | 4415 | 16.24
seedlings | forestry | сеянц*; саженц*; посадочный материал; лесовосстановлен*; лесопитомник*; питомник*; воспроизводство лесов; лесные культуры | seedlings; saplings; planting stock; reforestation; afforestation; tree nursery; forest nursery | 0602 | 02.10,01.30
forestry_services | forestry | лесоустройств*; лесохозяйственн* работ*; рубки ухода; лесопользовани* | forest management; forestry services; silviculture; thinning | | 02.40,02.10
pulp_paper | | целлюлоз*; бумаг*; картон*; гофрокартон*; гофротар* | pulp; paper; cardboard; paperboard; corrugated board; carton | 47,48 | 17.11,17.12,17.21
building_materials | | строительные материалы; стройматериал*; строительн* продукци* | building materials; construction materials; building products; building supplies | 25,68,69 | 23.99
cement | building_materials | цемент*; портландцемент*; клинкер цементный | cement; portland cement; clinker | 2523 | 23.51
concrete | building_materials | бетон*; бетонн* смес*; товарный бетон; железобетон*; жби; сборный железобетон | concrete; ready mix concrete; precast concrete; reinforced concrete | 382450,6810 | 23.61,23.63
aerated_concrete | concrete | газобетон*; газосиликат*; пеноблок*; ячеист* бетон* | aerated concrete; autoclaved aerated concrete; aac block | 681011 | 23.61
paving | concrete | тротуарн* плитк*; брусчатк*; бордюр* | paving slabs; paving stones; curb; kerb | 681019 | 23.61
brick | building_materials | кирпич* | brick; bricks; facing brick; clinker brick | 6904,6905 | 23.32
ceramic_tile | building_materials | керамическ* плитк*; плитк*; керамогранит*; кафел* | ceramic tiles; tiles; porcelain stoneware; porcelain tiles | 6907 | 23.31
sanitary_ware | building_materials | сантехническ* керамик*; унитаз*; раковин*; санфаянс* | sanitary ware; toilets; washbasins | 6910 | 23.42
gypsum_board | building_materials | гипсокартон*; гкл; гклв; гипсоволокн*; гипсов* плит*; пазогребнев* | gypsum board; plasterboard; drywall; gypsum plasterboard | 6809 | 23.62
dry_mix | building_materials | сух* смес*; строительн* смес*; штукатурк*; шпаклевк*; шпатлевк*; плиточн* клей; наливн* пол*; кладочн* раствор* | dry mix; dry mortar; plaster; putty; tile adhesive; self leveling floor; mortar | 3214,382450,2520 | 23.64,23.52
insulation | building_materials | утеплител*; теплоизоляц*; изоляционн* материал* | insulation; thermal insulation; insulating material | 6806,7019,3921 | 23.99
mineral_wool | insulation | минеральн* ват*; минват*; каменн* ват*; базальтов* ват*; базальтов* волокн*; стекловат* | mineral wool; stone wool; rock wool; glass wool; basalt wool | 6806,7019 | 23.99,23.14
roofing | building_materials | кровл*; кровельн*; рубероид*; мембран*; металлочерепиц*; профнастил* | roofing; roofing membrane; metal tile; profiled sheet; roof | 6807,721070 | 23.99,25.11
glass | building_materials | стекл*; флоат*; стеклопакет*; закаленн* стекл* | glass; float glass; flat glass; insulated glass unit; tempered glass; glazing | 7003,7004,7005,7007,7008 | 23.11,23.12
glass_containers | glass | стеклотар*; стеклянн* бутыл*; стеклобанк* | glass containers; glass bottles; glass jars | 7010 | 23.13
windows_doors | building_materials | окна пвх; пластиковые окна; оконн* профил*; двер* | pvc windows; windows; doors; window profiles | 392520,4418,7610 | 22.23
paint | | лакокрасочн*; краск*; эмал*; грунтовк*; лак; лаки | paint; paints; coatings; enamel; primer; varnish | 3208,3209,3210 | 20.30
aggregates | building_materials | щебень; щебня; песок; гравий; нерудн* | crushed stone; aggregates; gravel; sand | 2517,2505 | 08.12
bitumen | building_materials | битум*; асфальт*; асфальтобетон* | bitumen; asphalt; asphalt concrete | 2713,2715 | 19.20,23.99
steel | | стал*; металлопрокат*; прокат черных металлов; черн* металл* | steel; rolled steel; ferrous metals; steel products | 72 | 24.10
rebar | steel | арматур* стальн*; арматурн* прокат; арматура а500; катанк* | rebar; reinforcing bar; reinforcing steel; wire rod | 721420,7213 | 24.10
steel_sheet | steel | листов* стал*; лист стальной; горячекатан*; холоднокатан*; оцинкован* | steel sheet; hot rolled coil; cold rolled; galvanized steel; steel plate | 7208,7209,7210 | 24.10
steel_sections | steel | балка; балки; швеллер*; уголок стальной; двутавр* | steel beams; channel; angle; sections | 7216 | 24.10
steel_pipe | steel | труб*; трубн* прокат; профильн* труб* | steel pipe; steel tube; pipes; tubes | 7304,7305,7306 | 24.20
metal_structures | steel | металлоконструкц*; металлокаркас*; стальн* конструкц*; металлическ* каркас*; быстровозводим* здани*; сэндвич панел* | steel structures; metal structures; steel frame; structural steel; prefabricated buildings; sandwich panels | 7308 | 25.11
castings | | литье; отливк*; литейн* | castings; foundry; cast iron parts | 7325,7326 | 24.51,24.52
forgings | | поковк*; штамповк*; кузнечн* | forgings; forging; stampings | 7326 | 25.50
fasteners | | крепеж*; болт*; гайк*; метиз* | fasteners; bolts; nuts; screws | 7318 | 25.94
steel_wire | steel | проволок*; сетк* сварн*; канат* стальн* | steel wire; wire mesh; steel rope | 7217,7312,7314 | 24.34
aluminium | | алюмини*; алюминиев* профил* | aluminum; aluminum profiles; aluminum extrusions | 76 | 24.42
copper | | медь; медн* | copper; copper wire | 74 | 24.44
fertilizer | | удобрени*; минеральн* удобрени* | fertilizer; fertilizers; fertiliser | 31 | 20.15
potash | fertilizer | калийн*; хлористый калий; калий хлористый | potash; potassium chloride; mop | 3104 | 20.15
nitrogen_fertilizer | fertilizer | азотн* удобрени*; карбамид*; аммиачн* селитр* | nitrogen fertilizer; urea; ammonium nitrate | 3102 | 20.15
polymers | | полимер*; полиэтилен*; полипропилен*; пвх гранул*; пластик* | polymers; polyethylene; polypropylene; pvc resin; plastics | 3901,3902,3904 | 20.16
plastic_film | polymers | пленк* полиэтиленов*; стрейч*; термоусадочн*; полиэтиленов* пакет* | plastic film; stretch film; shrink film; polyethylene film; plastic bags | 3920,3923 | 22.21,22.22
plastic_pipe | polymers | полиэтиленов* труб*; пластиков* труб*; пнд труб* | plastic pipes; hdpe pipes; pe pipes | 3917 | 22.21
packaging | | упаковк*; тара; этикет* | packaging; package; labels | 4819,3923 | 17.21,22.22
rubber_products | | резинотехническ*; рти; конвейерн* лент*; ремн* | rubber products; conveyor belts; v belts; hoses | 4009,4010,4016 | 22.19
fuel | | топлив*; дизельн* топлив*; бензин*; нефтепродукт*; мазут* | fuel; diesel fuel; gasoline; petroleum products; fuel oil | 2710 | 19.20
lubricants | fuel | смазочн* материал*; масла моторн*; моторн* масл*; смазк* | lubricants; motor oil; engine oil; grease | 271019,3403 | 19.20
chemicals | | химическ* продукц*; химия; реагент*; кислот* | chemicals; chemical products; reagents; acid | 28,29,38 | 20.13,20.14,20.59
household_chemicals | chemicals | бытов* хими*; моющ* средств*; стиральн* порош*; косметик* | detergents; cleaning products; washing powder; cosmetics | 3402,3304,3305 | 20.41,20.42
pharma | | лекарств*; фармацевт*; медикамент*; препарат* | pharmaceuticals; medicines; drugs | 3004,3003 | 21.20
medical_devices | | медицинск* издели*; медицинск* оборудовани*; шприц*; медицинск* техник* | medical devices; medical equipment; syringes; disposable medical | 9018,9019,9021 | 32.50
textile | | ткан*; текстил*; трикотаж*; пряж* | fabric; fabrics; textiles; knitwear; yarn | 50,51,52,53,54,55,56,58,60 | 13.10,13.20,13.91
linen | textile | льнян*; лен; льна; льноволокн* | linen; flax | 5309,5301 | 13.20,01.16
clothing | textile | одежд*; спецодежд*; швейн* издели*; униформ* | clothing; apparel; workwear; uniforms; garments | 61,62 | 14.12,14.13,14.19
footwear | | обув* | footwear; shoes; boots | 64 | 15.20
leather | | кожа; натуральн* кож*; кожевенн* | leather; hides | 41,42 | 15.11,15.12
furniture | | мебел*; корпусн* мебел*; мягк* мебел* | furniture; office furniture; upholstered furniture | 9401,9403 | 31.01,31.02,31.09
"""
