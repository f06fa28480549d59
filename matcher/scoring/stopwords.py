"""Short RU/EN stop-word lists: function words plus the boilerplate of B2B offers and requests."""
from __future__ import annotations

# Function words. Kept short on purpose: IDF already down-weights frequent words; these are the
# ones that carry no product meaning at all and would only add noise to coverage ratios.
_RU = """
а без более бы был была были было в вам вас весь во вот все всех всё вы где да для до его ее её
если есть еще ещё же за и из или им их к как кем ко когда который которые кто ли либо мы на над
наш наша наше наши не него нее неё нет ни них но о об обо от по под при про с со так также там
то того тоже только том ту у уже чем что чтобы эта эти это этот я а также т д др пр т п им
"""
_EN = """
a about all also an and any are as at be been by can could do does for from had has have how if
in into is it its may more most no not of on or our out over per so such than that the their
them then there these they this those to up upon us via was we were what when where which who
will with within without would you your etc incl including
"""
# Boilerplate of offers and requests ("we are looking to purchase …", "supply of …"): it says
# that someone buys or sells, not what, so it must not make two unrelated items look alike.
_RU_BOILERPLATE = """
ооо оао зао пао ао чуп уп ип компания компании предприятие предприятия завод фабрика группа
закупка закупки закупаем покупка приобретение поставка поставки поставляем поставщик поставщика
ищем нужны нужен нужна требуется требуются необходимо необходимы предлагаем продажа продаем
производим производство выпускаем изготавливаем изготовление широкий ассортимент высокое качество
качество цены цена год года лет шт кг тонн тонна т мм см м руб usd eur млн тыс
"""
_EN_BOILERPLATE = """
ltd llc jsc ojsc cjsc inc gmbh co company group factory purchase purchasing procurement buy
buying supply supplies supplier suppliers supplying need needs needed require required requirement
looking seek seeking offer offers offering sell selling sale produce producing production manufacture
manufacturing manufacturer wide range high quality price prices year years pcs kg tons tonnes mm
"""

RUSSIAN = frozenset((_RU + _RU_BOILERPLATE).split())
ENGLISH = frozenset((_EN + _EN_BOILERPLATE).split())
ALL = RUSSIAN | ENGLISH
