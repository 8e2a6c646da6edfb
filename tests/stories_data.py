"""Invented news for the story tests: three events told by several outlets, a related event a week later,
a round-up that mentions two events, and a story only one outlet tells. Every name and place is made up."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    """One outlet's article about one event; `event` is what the tests expect it to be grouped by."""

    key: str
    event: str
    outlet: str
    title: str
    published: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.title + "\n\n" + "\n\n".join(self.paragraphs)


STORM_QUOTE = ("“We were ready for it, and the volunteers who filled sandbags through the night saved the old "
               "harbour,” Mayor Ilse Brandt said.")
PRIMARY_QUOTE = ("“Tonight the people of the Riverside district chose a council that listens,” Holt told supporters "
                 "at the Grain Exchange.")

PIECES = (
    Piece("storm-gazette", "storm", "Kelvport Gazette", "Storm batters Kelvport harbour, thousands without power",
          "2024-03-02T08:10:00Z", (
              "A storm with winds of more than 120 km/h struck Kelvport on Saturday morning, tearing fishing boats "
              "from their moorings and cutting power to about 12,000 homes along the northern coast.",
              STORM_QUOTE,
              "The coastguard said three fishermen were rescued from the breakwater shortly after dawn. Crews from "
              "the Northgrid utility restored electricity to most streets by the evening.",
              "The weather service had issued a red warning two days earlier. Repairs to the sea wall are expected to "
              "take several weeks, and the cost of the damage is not yet known.",
          )),
    Piece("storm-courier", "storm", "Coastal Courier", "Kelvport counts the cost after storm tears boats from harbour",
          "2024-03-02T11:45:00Z", (
              "Kelvport was cleaning up on Saturday after a storm brought gusts above 120 km/h, threw fishing boats "
              "onto the quay and left some 12,000 homes without electricity.",
              STORM_QUOTE,
              "Three fishermen stranded on the breakwater were rescued by the coastguard. Northgrid engineers worked "
              "through the afternoon and said most homes had power again by nightfall.",
              "Harbour master Piet Oskarsen said the sea wall was breached in two places and would take weeks to "
              "repair.",
          )),
    Piece("storm-wire", "storm", "North Wire", "Storm hits northern coast; Kelvport mayor praises volunteers",
          "2024-03-02T14:00:00Z", (
              "A fierce storm swept the northern coast on Saturday, with Kelvport worst hit: boats were torn from "
              "the harbour, the sea wall was breached and 12,000 homes lost power.",
              STORM_QUOTE,
              "The coastguard rescued three fishermen from the breakwater. The Northgrid utility said it restored "
              "supply to most households within hours.",
          )),
    Piece("primary-gazette", "primary", "Kelvport Gazette", "Holt wins Riverside primary with 54 percent",
          "2024-03-05T22:30:00Z", (
              "Councillor Maren Holt won the Unity Party primary in the Riverside district on Tuesday with 54 percent "
              "of the vote, defeating former transport minister Tomas Vell.",
              PRIMARY_QUOTE,
              "Vell, who took 41 percent, conceded shortly before midnight and said he would campaign for the party "
              "in the general election. Turnout was 38 percent, the highest for a Riverside primary in a decade.",
              "Holt campaigned on cheaper ferry fares and a new bridge over the Aal river.",
          )),
    Piece("primary-courier", "primary", "Coastal Courier", "Maren Holt beats Tomas Vell in Riverside primary",
          "2024-03-06T07:15:00Z", (
              "Maren Holt took the Riverside primary on Tuesday night, beating Tomas Vell by 54 percent to 41 percent "
              "after a bitter campaign over ferry fares and the Aal bridge.",
              PRIMARY_QUOTE,
              "Vell conceded before midnight. Turnout reached 38 percent, election officials said, a ten-year high "
              "for the district's primary.",
          )),
    Piece("primary-wire", "primary", "North Wire", "Unity Party: Holt wins Riverside primary, Vell concedes",
          "2024-03-06T09:00:00Z", (
              "Councillor Maren Holt has won the Unity Party's Riverside primary with 54 percent of the vote; her "
              "rival Tomas Vell conceded late on Tuesday.",
              PRIMARY_QUOTE,
              "Turnout was 38 percent. Holt will face the Green League candidate in the general election in May.",
          )),
    Piece("bid-gazette", "bid", "Kelvport Gazette", "Holt launches bid to lead the Unity Party",
          "2024-03-12T10:00:00Z", (
              "Maren Holt announced on Tuesday that she will stand for the leadership of the Unity Party, a week "
              "after winning the Riverside primary.",
              "“The party needs to win back the coast, and I know how to do it,” Holt said at a press conference in "
              "the party's headquarters on Kanaalstraat.",
              "Party chairwoman Anouk Dries said nominations close on 28 March and members will vote by post in "
              "April. Tomas Vell said he had not decided whether to endorse her.",
          )),
    Piece("bid-courier", "bid", "Coastal Courier", "Maren Holt to run for Unity Party leader",
          "2024-03-12T13:20:00Z", (
              "Maren Holt will run for leader of the Unity Party, she said on Tuesday, a week after her victory in "
              "the Riverside primary.",
              "“The party needs to win back the coast, and I know how to do it,” Holt told reporters at the party's "
              "headquarters.",
              "Nominations close on 28 March, chairwoman Anouk Dries said, with a postal ballot of members in April.",
          )),
    Piece("bid-wire", "bid", "North Wire", "Unity Party leadership: Holt enters race",
          "2024-03-12T15:45:00Z", (
              "Riverside primary winner Maren Holt entered the race for the Unity Party leadership on Tuesday.",
              "“The party needs to win back the coast, and I know how to do it,” she said.",
              "Chairwoman Anouk Dries confirmed that nominations close on 28 March and that members will vote by "
              "post in April.",
          )),
    Piece("museum-gazette", "museum", "Kelvport Gazette", "Maritime museum reopens after three-year renovation",
          "2024-03-09T09:00:00Z", (
              "The Kelvport Maritime Museum reopened on Saturday after a renovation that took three years and cost "
              "nine million euros.",
              "Visitors queued from early morning to see the restored whaling ship Margarethe, now housed under a "
              "glass roof in the museum's courtyard.",
              "Director Jonas Feldt said the museum expects 80,000 visitors in its first year.",
          )),
)

ROUNDUP = Piece("roundup-wire", "roundup", "North Wire", "The week on the coast",
                "2024-03-07T18:00:00Z", (
                    "It was a week of storms and ballots. Kelvport is still repairing its sea wall after "
                    "Saturday's storm, and Northgrid says all homes have power again.",
                    "In Riverside, Maren Holt won the Unity Party primary, and ferry fares will be the first "
                    "test of her campaign.",
                    "Elsewhere, the cycling federation confirmed the route of the coastal race, and the Kelvport "
                    "choir won a prize at the national festival.",
                ))


def by_event(pieces=PIECES) -> dict[str, set[str]]:
    events: dict[str, set[str]] = {}
    for piece in pieces:
        events.setdefault(piece.event, set()).add(piece.key)
    return events
