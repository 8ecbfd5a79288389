package io.newswatch.bench.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic news-like articles of about 3 KB for the classify benchmark, written for it: mostly
 * English with some Dari and Russian, names of the region at a realistic density, and a few words
 * that sit next to names without being them.
 */
final class Articles {

  private static final String[] SENTENCES = {
    "Officials in Fayzabad said on Tuesday that fighters had moved into two districts of"
        + " Badakhshan province near the Tajik border.",
    "The Taliban's interior ministry said its forces had arrested several suspects after the"
        + " attack on a checkpoint outside Kunduz city.",
    "Residents of Jalalabad reported heavy gunfire overnight, and a hospital in Nangarhar received"
        + " at least six wounded people.",
    "ISIS-K claimed responsibility for the blast in a statement published by its news agency.",
    "Analysts in Islamabad warned that the Tehrik-i-Taliban Pakistan was regrouping along the"
        + " Durand Line, where cross-border raids have increased.",
    "Prices of wheat and cooking oil rose again in markets in Herat and Mazar-i-Sharif, traders"
        + " said, as imports through Hairatan slowed.",
    "The United Nations Assistance Mission in Afghanistan said it was concerned about the"
        + " detention of journalists in Kabul.",
    "A spokesman for the Collective Security Treaty Organization said exercises would be held in"
        + " Khatlon later this year.",
    "Border guards in Gorno-Badakhshan closed the crossing at Ishkashim for two days after"
        + " clashes on the Afghan side.",
    "Farmers in Helmand and Kandahar said the ban on poppy cultivation had cut their incomes by"
        + " more than half.",
    "The delegation travelled from Termez to Mazar-i-Sharif by train and met provincial officials"
        + " of Balkh.",
    "Iran's foreign ministry said talks on water from the Helmand river would continue next month.",
    "Road works between Pul-e Khumri and the Salang pass were halted by heavy snow, the ministry"
        + " of public works said.",
    "Witnesses said a drone strike hit a compound in North Waziristan, killing three people.",
    "The Haqqani network has long operated from bases on both sides of the border, according to"
        + " the report.",
    "Teachers in Takhar and Baghlan said girls' schools remained closed above the sixth grade.",
    "Sirajuddin Haqqani told a gathering of elders in Khost that the government would not accept"
        + " foreign pressure.",
    "A UN report said that Al-Qaeda maintained a small presence in the east of the country.",
    "Pakistani officials reopened the Torkham crossing after three days of talks with their"
        + " Afghan counterparts.",
    "The festival in Bamyan drew visitors from Kabul, Mazar and even from Dushanbe, organisers"
        + " said.",
    "\u062F\u0631 \u0648\u0644\u0627\u06CC\u062A \u0628\u062F\u062E\u0634\u0627\u0646"
        + " \u0628\u0627\u0631\u0627\u0646\u200C\u0647\u0627\u06CC \u0634\u062F\u06CC\u062F"
        + " \u0628\u0627\u0639\u062B \u0633\u06CC\u0644 \u0634\u062F.",
    "\u041F\u043E\u0433\u0440\u0430\u043D\u0438\u0447\u043D\u0438\u043A\u0438 \u043D\u0430"
        + " \u0442\u0430\u0434\u0436\u0438\u043A\u0441\u043A\u043E-\u0430\u0444\u0433\u0430\u043D"
        + "\u0441\u043A\u043E\u0439 \u0433\u0440\u0430\u043D\u0438\u0446\u0435"
        + " \u0437\u0430\u0434\u0435\u0440\u0436\u0430\u043B\u0438 \u0442\u0440\u0451\u0445"
        + " \u0447\u0435\u043B\u043E\u0432\u0435\u043A.",
    "Officials said the new bridge would cut travel times for traders and farmers in the region.",
    "The ministry said it had distributed seeds and fertiliser to more than ten thousand families.",
    "Humanitarian agencies said funding cuts would force them to close clinics before winter.",
    "The committee will meet again in the spring to review progress on the agreement.",
  };

  private Articles() {}

  /** {@code count} articles of at least {@code minChars} characters each. */
  static List<String> generate(int count, int minChars, long seed, List<String> extraNames) {
    Random random = new Random(seed);
    List<String> articles = new ArrayList<>(count);
    for (int a = 0; a < count; a++) {
      StringBuilder text = new StringBuilder();
      while (text.length() < minChars) {
        if (!extraNames.isEmpty() && random.nextInt(6) == 0) {
          text.append("Sources named ")
              .append(extraNames.get(random.nextInt(extraNames.size())))
              .append(" in the report. ");
        }
        text.append(SENTENCES[random.nextInt(SENTENCES.length)]);
        text.append(random.nextInt(5) == 0 ? "\n" : " ");
      }
      articles.add(text.toString());
    }
    return articles;
  }
}
