"""Concepts: vehicles, tyres, components, electrical goods, food and packaging machinery."""

# id[:weight] | broader | RU phrases ; … | EN phrases ; … | HS prefixes | NACE classes
TABLE = """
truck | | грузовик*; грузовой автомобиль; грузовые автомобили; седельный тягач; тягач*; шасси | truck; lorry; tractor unit; semi truck; heavy truck; chassis | 8704,870120 | 29.10
bus | | автобус*; электробус*; троллейбус* | bus; coach; electric bus; trolleybus | 8702,860310 | 29.10
special_vehicle | truck | коммунальн* машин*; мусоровоз*; снегоочистител*; подметально уборочн*; пожарн* автомобил*; автоцистерн* | municipal vehicle; garbage truck; refuse truck; street sweeper; snow plow; fire truck; tanker truck | 8705,870590 | 29.10
trailer | truck | прицеп*; полуприцеп* | trailer; semitrailer; semi trailer | 8716 | 29.20
car | | легков* автомобил* | passenger car; automobile | 8703 | 29.10
auto_parts | | автокомпонент*; автозапчаст*; запчасти для автомобилей | auto parts; automotive components; vehicle parts | 8708 | 29.32
spare_parts:0.4 | | запчасти; запасные части; комплектующие; зип | spare parts; replacement parts; wear parts | | 33.12
tyre | | шина; шины; покрышк*; автошин* | tire; tires; tyre; pneumatic tire | 4011 | 22.11
engine | | двигател*; дизел*; мотор* | engine; diesel engine; motor | 8407,8408 | 28.11
bearing | | подшипник* | bearing; ball bearing; roller bearing | 8482 | 28.15
gearbox | | редуктор*; коробка передач; трансмисси*; зубчат* передач* | gearbox; gear reducer; transmission; gears | 8483,870840 | 28.15
hydraulics | | гидравлик*; гидроцилиндр*; гидронасос*; гидромотор*; гидрораспределител* | hydraulics; hydraulic cylinder; hydraulic pump; hydraulic motor | 841221,841229,841360 | 28.12
pump | | насос*; насосн* установк* | pump; pumps; pumping unit | 8413 | 28.13
compressor | | компрессор* | compressor; air compressor | 8414 | 28.13
valve | | арматура трубопроводная; задвижк*; клапан*; запорная арматура | valve; valves; pipeline fittings | 8481 | 28.14
oilfield_equipment | pump | нефтепромыслов*; нефтегазов* оборудование; буровое оборудование; для нефтедобычи | oilfield equipment; oil and gas equipment; drilling equipment | 841381,843041,843049 | 28.92
food_machinery | | пищев* оборудование; оборудование для пищевой промышленности; пищевое машиностроение | food processing equipment; food processing machinery | 8438,843420 | 28.93
dairy_machinery | food_machinery | сепаратор*; пастеризатор*; пастеризационн*; маслоизготовител*; оборудование для молочн* | dairy equipment; dairy processing equipment; separator; pasteurizer | 843420 | 28.93
meat_machinery | food_machinery | мясоперерабатывающее оборудование; оборудование для мясопереработк*; колбасное оборудование; куттер*; волчок; волчки; фаршемешалк*; шприц для колбас* | meat processing equipment; bowl cutter; meat grinder; sausage filler | 843850 | 28.93
bakery_equipment | food_machinery | хлебопекарн* оборудование; хлебопекарные печи; тестомес*; печь хлебопекарная | bakery equipment; bakery oven; dough mixer; kneader | 843810,841720 | 28.93
packaging_machinery | | упаковочн* оборудование; фасовочн*; упаковочные машины; розлив* | packaging machine; packing machine; filling machine; bottling line | 8422 | 28.29
refrigeration_equipment | | холодильное оборудование; холодильные витрины; холодильные камеры; чиллер* | commercial refrigeration; refrigeration equipment; display cooler; chiller; cold room | 841850,841869 | 28.25
hvac | | вентиляци*; кондиционер*; отопительн* оборудование; котл*; котельн* | hvac; ventilation; air conditioning; boiler; heating equipment | 8415,8402,8403,8416 | 28.25,25.30
electric_motor | | электродвигател*; асинхронн* двигател* | electric motor; induction motor | 8501 | 27.11
transformer | | трансформатор* | transformer; power transformer | 8504 | 27.11
generator | | генератор*; электростанци*; дизель генератор* | generator; generating set; genset | 8502 | 27.11
cable | | кабел*; кабельно проводников*; электрическ* провод* | cable; cables; electric wire; power cable | 8544 | 27.32
switchgear | | электрощит*; распределительн* устройств*; комплектн* трансформаторн* подстанц*; автоматическ* выключател* | switchgear; switchboard; circuit breaker; substation | 8535,8536,8537 | 27.12
lighting | | светильник*; освещени*; светодиодн* | lighting; luminaire; led lamp | 9405,8539 | 27.40
battery | | аккумулятор*; батаре* | battery; batteries; accumulator | 8507 | 27.20
household_appliances | | холодильник*; морозильник*; стиральн* машин*; бытов* техник* | refrigerator; freezer; fridge; washing machine; home appliances | 8418,8450 | 27.51
electronics | | электроник*; телевизор*; печатн* плат* | electronics; television; printed circuit board | 8528,8534 | 26.40,26.12
measuring_instruments | | контрольно измерительн*; измерительн* прибор*; датчик*; расходомер*; счетчик* | measuring instruments; sensors; flow meter; meters | 9026,9028,9031 | 26.51
"""
