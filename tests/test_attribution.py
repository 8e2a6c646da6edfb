"""Who an outlet credits for a quotation: the speaker, the verb and where the credit stands in the text."""

from __future__ import annotations

import pytest

from tui.attribution import attribute, attribute_all
from tui.model import Outlet
from tui.text import build_article


def credits(body: str) -> list[tuple[str, str] | None]:
    """(speaker, verb) of every quotation of a one-headline article, None where nobody is credited."""
    article = build_article("a", "a.txt", Outlet("a", "A"), "Headline\n\n" + body)
    found = attribute_all(article)
    return [(c.speaker, c.verb) if c else None for c in found]


@pytest.mark.parametrize("body, expected", [
    ("“The strike was halted,” CENTCOM said.", ("CENTCOM", "said")),
    ("“The strike was halted,” said Col. John Thomas, a spokesman.", ("Col. John Thomas", "said")),
    ("“The strike was halted,” the U.S. military statement said.", ("the U.S. military statement", "said")),
    ("A senior official told CNN the US relayed its “regret” for the loss.", ("A senior official", "told")),
    ("The statement added: “The coalition will review this strike.”", ("The statement", "added")),
    ("Washington must “separate units,” according to a Foreign Ministry statement.",
     ("a Foreign Ministry statement", "according to")),
    ("“The funds were misused,” according to the U.S. Attorney’s Office.",
     ("the U.S. Attorney’s Office", "according to")),
    ("“The funds were misused,” according to Dr. Jane Roe of the U.N. agency.",
     ("Dr. Jane Roe of the U.N. agency", "according to")),
    ("Samantha Power’s opposite number, Vitaliy Churkin, said he was “appalled” by it.", ("Vitaliy Churkin", "said")),
    ("Sen. Patrick Leahy (D-Vt.) called it “a tawdry stunt” on Tuesday.", ("Sen. Patrick Leahy", "called")),
    ("Foreign Ministry spokeswoman Maria Zakharova was quoted by TASS as saying that “we are appalled.”",
     ("Foreign Ministry spokeswoman Maria Zakharova", "quoted")),
    ("“He tried to silence me,” the Mexican-born journalist told a reporter.", ("the Mexican-born journalist", "told")),
    ("“We will not back down,” said Lopez in a statement.", ("Lopez", "said")),
    ("“We will not back down,” says Lopez in the new advert.", ("Lopez", "says")),
    ("“We will not back down,” said Robert Lee Jr. on Monday.", ("Robert Lee Jr.", "said")),
])
def test_a_credit_next_to_the_quotation_is_found(body, expected):
    assert credits(body) == [expected]


def test_offsets_point_at_the_credit_in_the_text():
    article = build_article("a", "a.txt", Outlet("a", "A"), "Headline\n\n“The strike was halted,” CENTCOM said.")
    credit = attribute(article, article.quotes[0])
    assert article.text[credit.start : credit.end] == "CENTCOM said"


def test_a_pronoun_takes_the_name_of_the_person_just_named():
    body = ("CNN military analyst Lt. Col. Rick Francona said it is not clear what will happen. "
            "“This might put the centre in danger,” he said Saturday.")
    assert credits(body) == [("CNN military analyst Lt. Col. Rick Francona", "said")]


def test_it_takes_the_body_or_statement_just_named():
    body = "The Syrian military said the strikes helped IS. It called the strike “a blatant attack.”"
    assert credits(body) == [("The Syrian military", "called")]


def test_he_after_a_body_is_left_unresolved_rather_than_guessed():
    body = "The Syrian military said the strikes helped IS. He called the strike “a blatant attack.”"
    assert credits(body) == [None]


def test_a_quotation_that_continues_the_one_before_keeps_its_speaker():
    body = "“We will look into it,” Centcom said, using another name.\n\n“Lessons will be learned.”"
    assert credits(body) == [("Centcom", "said"), ("Centcom", "said")]


def test_a_credit_after_a_question_mark_is_found_in_the_next_sentence():
    assert credits("“Who will pay?” Fox asked.") == [("Fox", "asked")]


def test_a_relaying_outlet_does_not_replace_the_speaker_named_before():
    body = "The Syrian Foreign Ministry said it sent a message asking the council to “condemn the aggression,” TASS reported."
    assert credits(body) == [("The Syrian Foreign Ministry", "said")]


def test_a_quotation_right_after_told_is_who_was_told_not_what():
    body = "Between June and July, Mr. Vance told “two senior aides” about the letter, prosecutors say."
    assert credits(body) == [None]
    # Told what, after a colon: the words are the teller's.
    assert credits("Mr. Vance told reporters: “I will not testify.”") == [("Mr. Vance", "told")]


def test_a_quotation_that_names_a_day_is_not_a_title():
    # A show's title capitalises its longer words; a day or a month is capitalised in any sentence.
    body = ("In an interview, Mr. Baker delivered what aides called a wake-up call.\n\n"
            "“We will vote on Monday,” he said.")
    assert credits(body) == [("Mr. Baker", "said")]


@pytest.mark.parametrize("body", [
    "There was no casualty figure yet, and no one knew more about “the incident” at all.",
    "Gen. Herbert “Hawk” Carlisle spoke to reporters.",  # a nickname
    "He appeared on MSNBC's “Morning Joe” on Tuesday.",  # a show
    "“We will not back down.”",  # nothing around it names anyone
])
def test_nothing_is_credited_when_the_text_names_nobody_plainly(body):
    assert credits(body) == [None]


@pytest.mark.parametrize("a, b, same", [
    ("Thomas", "Col. John Thomas", True),
    ("CENTCOM", "U.S. Central Command", True),
    ("DOJ", "the Department of Justice", True),
    ("Centcom", "the U.S. Central Command statement", False),  # the body against its statement
    ("the statement", "the U.S. military statement", True),
    ("Samantha Power", "Vitaly Churkin", False),
    ("Mr. Calderón", "Felipe Calderon", True),  # one outlet prints the accent, the other does not
])
def test_two_credits_name_the_same_speaker(a, b, same):
    from tui.speaker_match import same_speaker

    assert same_speaker(a, b) is same


def test_one_surname_spelt_two_ways_is_one_speaker():
    from tui.speaker_match import same_speaker

    assert same_speaker("Vitaliy Churkin", "Russian Ambassador Vitaly Churkin")


def test_a_day_after_the_name_is_not_part_of_the_speaker():
    assert credits("Stone on Friday said he was “falsely accused” by them.") == [("Stone", "said")]


def test_the_end_of_a_quotation_from_the_paragraph_before_names_nobody():
    body = ("Joseph diGenova called it “outrageous.”\n\n"
            "He added: “Those tactics are reserved for mob figures.\n\n"
            "Not a Roger Stone.”\n\n"
            "“Make no mistake,” he said.")
    assert credits(body)[-1] == ("Joseph diGenova", "said")


def test_he_after_a_sentence_naming_one_person_is_that_person():
    body = ("In an interview, Mr. Boehner delivered what aides called a wake-up call.\n\n"
            "“We have work to do,” he said.")
    assert credits(body)[-1] == ("Mr. Boehner", "said")


def test_he_after_a_sentence_naming_two_people_is_left_unresolved():
    body = ("On Friday, the day that Mr. Stone stood on the steps, Mr. Trump bashed the investigation.\n\n"
            "“Greatest Witch Hunt in the History of our Country!” he wrote on Twitter.")
    assert credits(body)[-1] is None


def test_he_after_a_sentence_opening_on_a_clause_is_the_person_of_its_main_clause():
    # The name in the opening "When ..." clause is not who the sentence is about: "he" is Ms. Baker.
    body = ("When Mr. Adams attacked the budget plan at Monday’s hearing over its “hidden costs,” Ms. Baker "
            "pointed to his own votes. “I think he knows exactly what the council voted for,” she said.")
    assert credits(body)[-1] == ("Ms. Baker", "said")
    body = ("After Mr. Adams finished his statement, Mr. Baker delivered what aides called a warning.\n\n"
            "“We have work to do,” he said.")
    assert credits(body)[-1] == ("Mr. Baker", "said")


def test_he_after_a_sentence_about_he_goes_back_to_whom_that_he_stands_for():
    # The sentence before names only Lee, but it is about "she", the Ruiz of the sentence before it.
    body = ("Governor Ana Ruiz sharpened her campaign against Mayor Tom Lee this week.\n\n"
            "Ruiz has stepped up her attacks on Lee over transit. In a statement released Monday, she "
            "criticised the Lee administration’s handling of the bus contract.\n\n"
            "“This is one more sign of a city hall that has lost its way,” she said.")
    assert credits(body)[-1] == ("Ruiz", "said")


def test_a_speech_verb_inside_the_quotation_names_nobody():
    # "President Lee has said" is Ruiz's words, not who says them.
    body = ("Prime Minister Ana Ruiz pressed President Tom Lee on the treaty.\n\n"
            "Ruiz also appeared on a Sunday talk show, urging Lee to take a firmer line on the border.\n\n"
            "“President Lee has said that he is determined to close the border crossings,” she said on the show.")
    assert credits(body)[-1] == ("Ruiz", "said")


def test_a_clause_on_who_the_speaker_is_may_stand_before_the_verb():
    body = "“I am appalled,” diGenova, who has advised the president, said in a statement."
    assert credits(body) == [("diGenova", "said")]


def test_a_quotation_after_the_credit_of_the_one_before_continues_it():
    body = "“We will not pay for that wall!” Mr. Calderón told CNBC. “And it is going to be useless.”"
    assert credits(body) == [("Mr. Calderón", "told"), ("Mr. Calderón", "told")]


def test_a_described_speaker_before_a_verb_that_ends_the_sentence():
    assert credits("“The goal was to enrich themselves,” the 47-page indictment says.") == [
        ("the 47-page indictment", "says")]


def test_a_quotation_two_sentences_on_does_not_inherit_a_speaker_across_another_sentence():
    body = ("“The campaign sought more,” the indictment said.\n\n"
            "The press secretary, Sarah Sanders, sought to distance Mr. Trump from the charges.\n\n"
            "“The charges have nothing to do with the president,” she told CNN.")
    assert credits(body)[-1] != ("the indictment", "said")


def test_a_paper_that_reported_something_is_not_the_speaker_of_words_inside_it():
    body = "The Times reported that he had corresponded with Russians promising “dirt” on Mrs. Clinton."
    assert credits(body) == [None]


def test_a_quotation_inside_another_is_not_credited_to_the_outer_speaker():
    found = credits("“I heard the head of Mexico said ‘no way,’ and I said no,” Trump said.")
    assert found[0] == ("Trump", "said") and found[1:] == [None]


def test_a_credit_ending_a_sentence_leaves_its_full_stop_out():
    assert credits("“We will not back down,” says Lopez. “Not now.”") == [("Lopez", "says"), ("Lopez", "says")]


def test_a_possessive_is_never_taken_for_the_speaker():
    assert credits("“The funds are gone,” the mayor’s added.") == [None]


def test_a_pronoun_is_not_resolved_to_a_possessive():
    body = ("Mrs. Lee’s “travel plan is unusual,” the chairman wrote in a letter. "
            "He added that Mrs. Lee’s decision “only makes it worse.”")
    assert all(c is None or not c[0].endswith("’s") for c in credits(body))


def test_a_pronoun_takes_the_person_its_own_sentence_opens_with():
    body = ("Aides lined the sides of the Rose Garden. "
            "Mr. Lee began his remarks as if he had won, announcing what he called “a deal to end it.”")
    assert credits(body) == [("Mr. Lee", "called")]
