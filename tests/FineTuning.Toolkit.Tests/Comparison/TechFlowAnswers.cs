namespace FineTuning.Toolkit.Tests.Comparison;

/// <summary>Answers in and out of the lab's TechFlow format, for the fakes.</summary>
public static class TechFlowAnswers
{
    public const string Formatted =
        "I'd be happy to help you reset your password! 🔐\n\n**Quick Steps:**\n1. Go to techflow.com/reset\n2. Enter your email address\n3. Click the reset link in your email\n4. Create your new password\n\n**Need more help?** Let me know if the reset email doesn't arrive within 5 minutes!";

    public const string Pricing =
        "Great question! Here's our current pricing: 💰\n\n**Plans:**\n- **Free**: $0/mo - Up to 100 tasks\n- **Pro**: $19/mo - Unlimited tasks + analytics\n- **Team**: $49/mo - Everything in Pro + collaboration\n- **Enterprise**: Custom - Contact sales\n\n**Ready to upgrade?** I can help you choose the right plan for your needs!";

    public const string Escalating =
        "I'm so sorry about the outage! 🚨\n\n**What I'm doing:**\n1. I've opened a priority ticket with our engineering team\n2. Let me connect you with a human specialist right away\n\n**Next step:** Check techflow.com/status for live updates — reply here if anything changes!";

    public const string Plain = "To reset your password go to the settings page and click reset. It should work.";
}
