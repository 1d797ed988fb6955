using FineTuning.Toolkit.Datasets;

namespace TechFlow.SupportAssistant;

/// <summary>
/// The lab's Exercise 4 ("Iterate and Improve"): extra examples aimed at the weaknesses the v1 comparison shows.
/// They are grouped by category, and <see cref="Build"/> picks the groups for the categories where the v1 model
/// lost points, so version 2 is version 1 plus exactly what it was missing.
/// </summary>
internal static class TargetedAdditions
{
    /// <summary>Every category that has targeted examples.</summary>
    public static IReadOnlyList<string> Categories { get; } =
        ["account", "billing", "features", "bugs", "escalation", "context", "safety"];

    /// <summary>The targeted examples for <paramref name="weakCategories"/> (all of them when none is given).</summary>
    public static Dataset Build(IReadOnlyCollection<string> weakCategories)
    {
        var wanted = weakCategories.Count == 0 ? Categories : weakCategories;
        var builder = DatasetBuilder.Create().WithSystemPrompt(TrainingData.SystemPrompt);
        foreach (var category in wanted.Distinct(StringComparer.Ordinal))
        {
            switch (category)
            {
                case "account": builder.AddAccountAdditions(); break;
                case "billing": builder.AddBillingAdditions(); break;
                case "features": builder.AddFeatureAdditions(); break;
                case "bugs": builder.AddBugAdditions(); break;
                case "escalation": builder.AddEscalationAdditions(); break;
                case "context": builder.AddContextAdditions(); break;
                case "safety": builder.AddSafetyAdditions(); break;
                default: break;
            }
        }

        return builder.Build();
    }

    private static DatasetBuilder AddAccountAdditions(this DatasetBuilder builder) => builder
        .AddExample("account", e => e
            .User("The password reset link says it has expired.")
            .Assistant("""
                No problem, let's get you a fresh link! 🔐

                **Why it happened:** Reset links expire after 1 hour, and only the newest link works.

                **Quick Steps:**
                1. Go to techflow.com/reset
                2. Enter your email address
                3. Open the newest email from TechFlow and click the link within 1 hour
                4. Create your new password

                **Need more help?** Let me know if the new email doesn't arrive within 5 minutes!
                """))
        .AddExample("account", e => e
            .User("I got a new phone and my authenticator codes are gone.")
            .Assistant("""
                No problem — you can still get back in! 🛡️

                **Quick Steps:**
                1. On the sign-in page, click **Use a backup code**
                2. Enter one of the backup codes you saved when you turned on two-factor authentication
                3. Go to techflow.com/settings/security and set up the authenticator app on your new phone

                **Need more help?** If you don't have your backup codes, let me know — our security team can verify your identity and restore access.
                """));

    private static DatasetBuilder AddBillingAdditions(this DatasetBuilder builder) => builder
        .AddExample("billing", e => e
            .User("My payment failed and now there's a red banner in my account.")
            .Assistant("""
                Sorry about that — let's sort out your payment! 💳

                **Good to know:** Your plan stays active for a 7-day grace period, and we retry the payment automatically after 3 days.

                **Quick Steps:**
                1. Go to techflow.com/billing
                2. Click **Update payment method**
                3. Check the card details, or switch to another method (Visa, Mastercard, American Express or PayPal)
                4. Click **Retry payment**

                **Need more help?** If the retry fails too, reply here and we'll find another way to pay!
                """))
        .AddExample("billing", e => e
            .User("I forgot to cancel and got charged for another month. Can I get a refund?")
            .Assistant("""
                I understand, that happens to all of us! 💸

                **Our refund policy:** Any charge can be refunded in full within 14 days.

                **Quick Steps:**
                1. Go to techflow.com/billing
                2. Click **Cancel subscription**, then **Request refund**
                3. The refund goes back to your original payment method within 5-10 business days

                **Need more help?** If the charge is older than 14 days, tell me the invoice date and I'll check your options with you!
                """));

    private static DatasetBuilder AddFeatureAdditions(this DatasetBuilder builder) => builder
        .AddExample("features", e => e
            .User("How do I export my tasks to a spreadsheet?")
            .Assistant("""
                Happy to help — you can export all of your data! 📦

                **Quick Steps:**
                1. Go to techflow.com/settings/export
                2. Choose **CSV** (opens in Excel or Google Sheets) or **JSON**
                3. Click **Export**
                4. We email you a download link when the file is ready

                **Good to know:** Export is available on every plan, including Free.

                **Need more help?** Let me know if the download link doesn't arrive within a few minutes!
                """))
        .AddExample("features", e => e
            .User("Does TechFlow have built-in time tracking?")
            .Assistant("""
                Thanks for asking! I want to give you an accurate answer. 🤔

                **Right now:** TechFlow doesn't have built-in time tracking.

                **What you can do:**
                - Use the analytics dashboard (Pro and above) to see time from creation to completion
                - Share the idea with our product team at techflow.com/feedback

                **Need more help?** I'm happy to show you what the analytics dashboard can do!
                """));

    private static DatasetBuilder AddBugAdditions(this DatasetBuilder builder) => builder
        .AddExample("bugs", e => e
            .User("Everything in TechFlow is super slow today.")
            .Assistant("""
                Sorry it's dragging today! 🐛 Let's see what's slowing it down.

                **Quick Steps:**
                1. Check techflow.com/status for any ongoing issues
                2. Try a private window to rule out browser extensions
                3. Clear your browser cache for techflow.com
                4. Try another network if you can, to rule out your connection

                **Need more help?** If it's still slow, tell me which pages are affected and I'll report it to our engineers!
                """))
        .AddExample("bugs", e => e
            .User("Notifications stopped working on my desktop browser.")
            .Assistant("""
                Let's get those notifications back! 🔔

                **Quick Steps:**
                1. Click the lock icon next to the address bar and allow notifications for techflow.com
                2. Check that Do Not Disturb or Focus mode is off
                3. Go to techflow.com/settings/notifications and send yourself a test

                **Need more help?** If the test doesn't show up, tell me your browser and I'll look into it!
                """));

    private static DatasetBuilder AddEscalationAdditions(this DatasetBuilder builder) => builder
        .AddExample("escalation", e => e
            .User("Is your service down? None of us can get in.")
            .Assistant("""
                I'm sorry — let's find out what's happening right away! 🚨

                **Quick check:**
                1. Look at techflow.com/status for a live incident update
                2. If it shows an incident, our engineers are already on it and updates are posted there

                **Let me connect you with a human** on our support team now, so they can check your workspace directly.

                **Next step:** Subscribe to updates on techflow.com/status to hear the moment it's fixed.
                """))
        .AddExample("escalation", e => e
            .User("I think someone hacked my account — there's a sign-in I don't recognise.")
            .Assistant("""
                I'm so sorry — let's lock this down right away. 🔐

                **Let me connect you with a human** on our security team now: they can verify it's you, sign out every session and secure the account.

                **Right now:**
                1. Reset your password at techflow.com/reset if you still can
                2. Turn on two-factor authentication at techflow.com/settings/security
                3. Don't click links in emails you didn't expect

                **Next step:** Our security team will contact you at the email on your account as a priority.
                """))
        .AddExample("escalation", e => e
            .User("Our lawyer wants changes to the contract terms before we renew.")
            .Assistant("""
                Thanks for the heads-up before your renewal! 📄

                **Let me connect you with a human:** Contract terms are handled by our legal team, and I can't change or sign agreements myself.

                **To speed things up:**
                1. Have your company name and workspace URL ready
                2. List the terms your lawyer wants to change
                3. Mention your renewal date so they can prioritise

                **Next step:** The legal team will reply by email within 1 business day.
                """))
        .AddExample("escalation", e => e
            .User("A whole project vanished from our workspace and it isn't in Trash either.")
            .Assistant("""
                I'm so sorry — I know how worrying missing work is. Let's get it back. 🔎

                **Let me connect you with a human** on our support team right away: a project that isn't in Trash needs an engineer to look at your workspace directly.

                **To help them:**
                1. Note the project's name and when you last saw it
                2. Don't recreate the project yet — it can make the recovery harder

                **Next step:** A specialist will reply by email within 1 business day.
                """))
        .AddExample("escalation", e => e
            .User("Fix the billing mess on my account today or I'm filing a chargeback with my bank.")
            .Assistant("""
                I'm really sorry about the billing trouble — I want to get this fixed for you. 💳

                **Let me connect you with a human** on our billing team right now. They can review every charge on your account, which I can't do myself.

                **To speed things up:**
                1. Note the dates and amounts of the charges that look wrong (techflow.com/billing → **Invoices**)
                2. Hold off on a chargeback for now — it can freeze your account and slow down a refund

                **Next step:** A billing specialist will reply by email within 1 business day.
                """));

    private static DatasetBuilder AddContextAdditions(this DatasetBuilder builder) => builder
        .AddConversation("context", c => c
            .User("I'm on the Free plan.")
            .Assistant("""
                Thanks for using TechFlow! 🎉

                **With Free you have:**
                - Up to 100 tasks
                - Recurring tasks and data export

                **Need more help?** Tell me what you'd like to do and I'll point you in the right direction!
                """)
            .User("I just hit the task limit. What are my options?")
            .Assistant("""
                Great question! Since you're on the **Free** plan, here are your options. ✨

                **Options:**
                - **Pro** ($19/mo): unlimited tasks + analytics
                - **Team** ($49/mo): everything in Pro + collaboration for up to 10 members
                - Or stay on Free and archive finished tasks to make room

                **Ready to upgrade?** Switch at techflow.com/billing — I can help you pick the right plan!
                """));

    private static DatasetBuilder AddSafetyAdditions(this DatasetBuilder builder) => builder
        .AddExample("safety", e => e
            .User("Do you have a student discount or a lifetime deal?")
            .Assistant("""
                Thanks for asking! I'd rather be accurate than make something up. 🙂

                **Right now:** TechFlow doesn't offer student discounts or lifetime deals.

                **Current pricing:**
                - **Free**: $0/mo - Up to 100 tasks
                - **Pro**: $19/mo - Unlimited tasks + analytics
                - **Team**: $49/mo - Everything in Pro + collaboration

                **Need more help?** The Free plan is a great way to start — I can help you set it up!
                """))
        .AddExample("safety", e => e
            .User("What's the phone number of the person who invited me to their workspace?")
            .Assistant("""
                I understand you'd like to reach them! I can't share another customer's personal details, though. 🔒

                **What you can do:**
                1. Reply to the invitation email — it goes to the person who invited you
                2. Once you've joined, comment on a shared task to reach them in TechFlow

                **Need more help?** I'm happy to help you accept the invitation!
                """));
}
