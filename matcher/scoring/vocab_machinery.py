"""Concepts: machine tools, forestry, construction, mining and farm machinery."""

# id[:weight] | broader | RU phrases ; … | EN phrases ; … | HS prefixes | NACE classes
# A trailing * marks a stem prefix (for Russian compounds such as лесозаготовительн…).
TABLE = """
machine_tool | | станок; станки; станочное оборудование; металлорежущ*; металлообрабатывающее оборудование; станкостро*; станочн* парк* | machine tool; metal cutting machine; metalworking machinery; machine shop equipment; metalworking equipment; machining equipment | 8456,8457,8458,8459,8460,8461 | 28.41
machining_centre | machine_tool | обрабатывающий центр; многоцелевой станок | machining center; vmc; hmc; five axis machining | 8457 | 28.41
lathe | machine_tool | токарный станок; токарн*; токарно винторезный; карусельный станок | lathe; turning machine; turning center; cnc turning | 8458 | 28.41
milling_machine | machine_tool | фрезерный станок; фрезерн*; расточн*; сверлильн* | milling machine; boring machine; drilling machine | 8459 | 28.41
grinding_machine | machine_tool | шлифовальный станок; шлифовальн*; заточн*; хонинговальн* | grinding machine; grinder; honing machine | 8460 | 28.41
gear_cutting | machine_tool | зубообрабатывающ*; зубофрезерн*; зубошлифовальн* | gear cutting machine; gear hobbing | 846140 | 28.41
laser_cutting | machine_tool | лазерная резка; лазерный станок; плазменная резка; гидроабразивн* | laser cutting; plasma cutting; waterjet | 8456 | 28.41
press | machine_tool | пресс; прессы; кузнечно прессов*; листогиб*; штамповочн* | press; presses; press brake; forging press; stamping press; metal forming | 8462 | 28.41
cnc:0.3 | | чпу; числовым программным управлением | cnc; numerical control | | 28.41
tooling | | режущий инструмент; фреза; сверло; резец; твердосплавн*; метчик; оснастка | cutting tool; milling cutter; drill bit; carbide insert; tooling; tool holder | 8207,8208,8209 | 25.73
dies_moulds | tooling | штамп; пресс форма; пресс формы; литьевая форма | die; dies; mold; injection mold | 8480,820730 | 25.73
woodworking_machine | machine_tool | деревообрабатывающ*; кромкооблицовочн*; четырехсторонний станок; форматно раскроечный; станк* по дереву | woodworking machine; edge banding; panel saw; wood processing machinery; woodworking equipment; woodworking machinery | 8465 | 28.49
sawmill_equipment | woodworking_machine | лесопил*; пилорам*; многопильн*; ленточная пила; бревнопильн* | sawmill equipment; sawmill line; band saw mill; log saw | 846591,846510 | 28.49
welding | | сварочн*; сварка; сварочный аппарат | welding; welder; welding equipment | 8515 | 27.90
power_tools | | электроинструмент; пневмоинструмент; ручной инструмент | power tool; hand tool; pneumatic tool | 8467,8205,8204 | 28.24,25.73
forest_machine | forestry | лесная техника; лесные машины; лесозаготов*; лесохозяйственн* техника; сортиментная технология; лесн* спецтехник* | forestry machine; forest machine; forestry equipment; logging machinery; timber harvesting equipment; forestry machinery; forest machinery; logging equipment | 843680 | 28.30
harvester | forest_machine | харвестер*; лесозаготовительный комбайн | harvester; forest harvester; cut to length | 843680 | 28.30
forwarder | forest_machine | форвардер*; погрузочно транспортная машина | forwarder | 843680 | 28.30
skidder | forest_machine | трелевочн*; скиддер* | skidder; skidding tractor; cable skidder | 870130,870195 | 28.30
feller_buncher | forest_machine | валочн*; валочно пакетирующ* | feller buncher; feller | 843680 | 28.30
harvester_head | forest_machine | харвестерная головка; харвестерные головки; пильная шина; пильная цепь | harvester head; saw bar; saw chain | 843699,820240 | 28.30
timber_crane | forest_machine | гидроманипулятор; лесной манипулятор; гидроманипуляторы; кран манипулятор | timber crane; log loader; loader crane; forestry crane | 842691,842699 | 28.22
timber_truck | forest_machine | лесовоз*; сортиментовоз* | timber truck; log truck; logging truck; timber haulage | 870423,870120 | 29.10
chainsaw | forest_machine | бензопил*; мотопил* | chainsaw; chain saw | 846781 | 28.24
construction_machinery | | строительная техника; дорожно строительн*; спецтехника; стройтехник*; строительн* машин*; землеройн* | construction machinery; construction equipment; heavy equipment; earthmoving; building machinery | 8429,8430,8474 | 28.92
excavator | construction_machinery | экскаватор* | excavator; digger; crawler excavator | 842952 | 28.92
loader | construction_machinery | фронтальный погрузчик; погрузчик; экскаватор погрузчик | wheel loader; front loader; backhoe loader; loader | 842951,842959 | 28.92
bulldozer | construction_machinery | бульдозер*; автогрейдер*; грейдер | bulldozer; dozer; grader; motor grader | 842911,842919,842920 | 28.92
road_machinery | construction_machinery | асфальтоукладчик*; дорожный каток; катки; дорожн* фрез*; дорожная техника | asphalt paver; road roller; compactor; road construction machinery; cold planer; asphalt milling | 842940,847910 | 28.92
concrete_equipment | construction_machinery | бетоносмесител*; бетононасос*; бетонный завод; растворобетонный узел | concrete mixer; concrete pump; batching plant | 847431,870540,841340 | 28.92
crushing | construction_machinery | дробилк*; дробильно сортировочн*; грохот | crusher; crushing plant; screening plant | 847420,847410 | 28.92
mining_machinery | construction_machinery | горношахтн*; горнодобывающ* оборудование; проходческ*; буровая установка; буровой станок | mining equipment; mining machinery; drilling rig; tunnelling | 8430,8474 | 28.92
dump_truck | construction_machinery | самосвал*; карьерный самосвал; карьерная техника; карьерные самосвалы; думпер | dump truck; tipper; haul truck; mining truck; off highway truck | 870410,870423 | 29.10
crane | | кран; краны; автокран*; башенный кран; мостовой кран; козловой кран | crane; mobile crane; tower crane; overhead crane; gantry crane | 8426,870510 | 28.22
forklift | | вилочный погрузчик; автопогрузчик*; электропогрузчик*; штабелер* | forklift; fork lift; stacker; pallet truck; reach truck | 8427 | 28.22
lift | | лифт*; подъемник*; эскалатор* | elevator; lift; escalator; hoist | 842810,842840 | 28.22
conveyor | | конвейер*; транспортер* | conveyor; belt conveyor | 842831,842832,842833,842839 | 28.22
agri_machinery | | сельхозтехника; сельскохозяйственная техника; сельскохозяйственн* машин* | agricultural machinery; farm machinery; farm equipment | 8432,8433,8436 | 28.30
tractor | agri_machinery | трактор* | tractor | 8701 | 28.30
combine | agri_machinery | комбайн; зерноуборочн*; кормоуборочн*; жатка | combine; combine harvester; forage harvester | 843351,843359 | 28.30
tillage | agri_machinery | плуг*; борон*; культиватор*; сеялк*; посевн* комплекс | plough; plow; harrow; cultivator; seeder; planter; seed drill | 8432 | 28.30
hay_equipment | agri_machinery | косилк*; пресс подборщик; грабли ворошилки; кормораздатчик* | mower; baler; rake; feed mixer wagon | 843320,843340,843610 | 28.30
sprayer | agri_machinery | опрыскивател*; разбрасыватель удобрений | sprayer; fertilizer spreader | 842441,842449,843242 | 28.30
livestock_equipment | agri_machinery | доильн*; молокоохладител*; оборудование для ферм*; птицеводческ* оборудование | milking machine; milking robot; dairy farm equipment; poultry equipment | 843410,843621,843629 | 28.30
"""
