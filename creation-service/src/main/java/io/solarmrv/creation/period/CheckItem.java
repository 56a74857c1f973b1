package io.solarmrv.creation.period;

/**
 * The items of a period's verification checklist, in the order the checklist lists them, each with
 * its title in English and Japanese: the one place the pages, the checklist and the verification
 * report take them from. docs/VERIFICATION.md says what each covers of the schemes' verification.
 */
public enum CheckItem {
    ON_CHAIN("on-chain", "The chain holds this report's claim, resting on an anchored log checkpoint",
            "この報告のクレームがチェーン上にあり、固定済みのログチェックポイントに基づく"),
    RECOMPUTED("recomputed", "Figures recomputed now from the readings equal the submitted ones",
            "読み取り値から今再計算した数値が提出値と一致する"),
    EMISSION_FACTOR("emission-factor", "The claim names its methodology and its emission factor's source and dates",
            "クレームが方法論と排出係数の出典・適用期間を示している"),
    CREDITING_PERIOD("crediting-period", "The period lies within the project's crediting period",
            "期間がプロジェクトのクレジット期間内にある"),
    ELIGIBILITY("eligibility", "The registered devices meet the methodology's machine-checkable eligibility criteria",
            "登録済みデバイスが方法論の適格性要件 (機械で確認できるもの) を満たす"),
    PLAN_CONFORMITY("plan-conformity", "The meters reported are the project's registered meters, with their changes during the period",
            "報告されたメーターがプロジェクトの登録済みメーターであり、期間中の変更が示されている"),
    KEYS("keys", "Every meter is registered, with a key valid during the period",
            "すべてのメーターが登録済みで、期間中有効な鍵がある"),
    CONTINUITY("continuity", "Every meter's signed readings form an unbroken chain across the period",
            "すべてのメーターの署名済み読み取り値が期間を通じて途切れずに連鎖している"),
    COMPLETENESS("completeness", "Every meter has readings in every hour of the period",
            "すべてのメーターに期間のすべての時間の読み取り値がある"),
    CALIBRATION("calibration", "A calibration certificate covers the whole period for every meter",
            "すべてのメーターについて校正証明書が期間全体を対象としている"),
    QUALITY_FLAGS("quality-flags", "Quality flags applied: energy of doubted readings excluded before the reductions",
            "品質フラグの適用: 疑わしい読み取り値の電力量を削減量の計算前に除外"),
    COUNTED_ONCE("counted-once", "No meter of this period is claimed by another period, of any project, for any instant of it",
            "この期間のどのメーターも、どの時点についても、他の期間 (他のプロジェクトを含む) で請求されていない"),
    FINDINGS("findings", "Every corrective action and clarification request is closed",
            "すべての是正処置要求と明確化要求が完了している"),
    MATERIALITY("materiality", "What the reductions leave out or correct is immaterial",
            "削減量から除外・補正した量が重要性の基準を超えない"),
    OTHER_SCHEMES("other-schemes", "The project and its meters are not registered or credited under another scheme",
            "プロジェクトとメーターが他の制度で登録・クレジット化されていない"),
    SITE_VISIT("site-visit", "Site visit: meters installed as the monitoring plan says",
            "現地確認: メーターがモニタリング計画どおりに設置されている"),
    CERTIFICATES("certificates", "Calibration certificates inspected (documents match the recorded hashes)",
            "校正証明書の確認 (文書が記録されたハッシュと一致する)");

    private final String id;
    private final String title;
    private final String titleJa;

    CheckItem(String id, String title, String titleJa) {
        this.id = id;
        this.title = title;
        this.titleJa = titleJa;
    }

    /** The item's id in the API and the pages, e.g. {@code completeness}. */
    public String id() {
        return id;
    }

    /** The item with its outcome and evidence. */
    public Checklist.Item with(Checklist.Outcome outcome, String evidence) {
        return new Checklist.Item(id, title, titleJa, outcome, evidence);
    }
}
