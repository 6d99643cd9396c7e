package dev.exitguard.bench.child;

import dev.exitguard.api.ExitAction;
import dev.exitguard.api.ExitContext;

/**
 * The 100 actions that workload 6 finds with {@link java.util.ServiceLoader}, as an application
 * built of many modules would: each a class of its own (so each is loaded, as a real one is), listed
 * in {@code META-INF/services/dev.exitguard.api.ExitAction} of the child jar.
 */
public final class StartupActions {

    private StartupActions() {
    }

    /** Does nothing; named after its class, the default. */
    public abstract static class Base implements ExitAction {
        @Override
        public void run(ExitContext context) {
        }
    }

    /** Start-up action 0. */
    public static final class A000 extends Base {
    }

    /** Start-up action 1. */
    public static final class A001 extends Base {
    }

    /** Start-up action 2. */
    public static final class A002 extends Base {
    }

    /** Start-up action 3. */
    public static final class A003 extends Base {
    }

    /** Start-up action 4. */
    public static final class A004 extends Base {
    }

    /** Start-up action 5. */
    public static final class A005 extends Base {
    }

    /** Start-up action 6. */
    public static final class A006 extends Base {
    }

    /** Start-up action 7. */
    public static final class A007 extends Base {
    }

    /** Start-up action 8. */
    public static final class A008 extends Base {
    }

    /** Start-up action 9. */
    public static final class A009 extends Base {
    }

    /** Start-up action 10. */
    public static final class A010 extends Base {
    }

    /** Start-up action 11. */
    public static final class A011 extends Base {
    }

    /** Start-up action 12. */
    public static final class A012 extends Base {
    }

    /** Start-up action 13. */
    public static final class A013 extends Base {
    }

    /** Start-up action 14. */
    public static final class A014 extends Base {
    }

    /** Start-up action 15. */
    public static final class A015 extends Base {
    }

    /** Start-up action 16. */
    public static final class A016 extends Base {
    }

    /** Start-up action 17. */
    public static final class A017 extends Base {
    }

    /** Start-up action 18. */
    public static final class A018 extends Base {
    }

    /** Start-up action 19. */
    public static final class A019 extends Base {
    }

    /** Start-up action 20. */
    public static final class A020 extends Base {
    }

    /** Start-up action 21. */
    public static final class A021 extends Base {
    }

    /** Start-up action 22. */
    public static final class A022 extends Base {
    }

    /** Start-up action 23. */
    public static final class A023 extends Base {
    }

    /** Start-up action 24. */
    public static final class A024 extends Base {
    }

    /** Start-up action 25. */
    public static final class A025 extends Base {
    }

    /** Start-up action 26. */
    public static final class A026 extends Base {
    }

    /** Start-up action 27. */
    public static final class A027 extends Base {
    }

    /** Start-up action 28. */
    public static final class A028 extends Base {
    }

    /** Start-up action 29. */
    public static final class A029 extends Base {
    }

    /** Start-up action 30. */
    public static final class A030 extends Base {
    }

    /** Start-up action 31. */
    public static final class A031 extends Base {
    }

    /** Start-up action 32. */
    public static final class A032 extends Base {
    }

    /** Start-up action 33. */
    public static final class A033 extends Base {
    }

    /** Start-up action 34. */
    public static final class A034 extends Base {
    }

    /** Start-up action 35. */
    public static final class A035 extends Base {
    }

    /** Start-up action 36. */
    public static final class A036 extends Base {
    }

    /** Start-up action 37. */
    public static final class A037 extends Base {
    }

    /** Start-up action 38. */
    public static final class A038 extends Base {
    }

    /** Start-up action 39. */
    public static final class A039 extends Base {
    }

    /** Start-up action 40. */
    public static final class A040 extends Base {
    }

    /** Start-up action 41. */
    public static final class A041 extends Base {
    }

    /** Start-up action 42. */
    public static final class A042 extends Base {
    }

    /** Start-up action 43. */
    public static final class A043 extends Base {
    }

    /** Start-up action 44. */
    public static final class A044 extends Base {
    }

    /** Start-up action 45. */
    public static final class A045 extends Base {
    }

    /** Start-up action 46. */
    public static final class A046 extends Base {
    }

    /** Start-up action 47. */
    public static final class A047 extends Base {
    }

    /** Start-up action 48. */
    public static final class A048 extends Base {
    }

    /** Start-up action 49. */
    public static final class A049 extends Base {
    }

    /** Start-up action 50. */
    public static final class A050 extends Base {
    }

    /** Start-up action 51. */
    public static final class A051 extends Base {
    }

    /** Start-up action 52. */
    public static final class A052 extends Base {
    }

    /** Start-up action 53. */
    public static final class A053 extends Base {
    }

    /** Start-up action 54. */
    public static final class A054 extends Base {
    }

    /** Start-up action 55. */
    public static final class A055 extends Base {
    }

    /** Start-up action 56. */
    public static final class A056 extends Base {
    }

    /** Start-up action 57. */
    public static final class A057 extends Base {
    }

    /** Start-up action 58. */
    public static final class A058 extends Base {
    }

    /** Start-up action 59. */
    public static final class A059 extends Base {
    }

    /** Start-up action 60. */
    public static final class A060 extends Base {
    }

    /** Start-up action 61. */
    public static final class A061 extends Base {
    }

    /** Start-up action 62. */
    public static final class A062 extends Base {
    }

    /** Start-up action 63. */
    public static final class A063 extends Base {
    }

    /** Start-up action 64. */
    public static final class A064 extends Base {
    }

    /** Start-up action 65. */
    public static final class A065 extends Base {
    }

    /** Start-up action 66. */
    public static final class A066 extends Base {
    }

    /** Start-up action 67. */
    public static final class A067 extends Base {
    }

    /** Start-up action 68. */
    public static final class A068 extends Base {
    }

    /** Start-up action 69. */
    public static final class A069 extends Base {
    }

    /** Start-up action 70. */
    public static final class A070 extends Base {
    }

    /** Start-up action 71. */
    public static final class A071 extends Base {
    }

    /** Start-up action 72. */
    public static final class A072 extends Base {
    }

    /** Start-up action 73. */
    public static final class A073 extends Base {
    }

    /** Start-up action 74. */
    public static final class A074 extends Base {
    }

    /** Start-up action 75. */
    public static final class A075 extends Base {
    }

    /** Start-up action 76. */
    public static final class A076 extends Base {
    }

    /** Start-up action 77. */
    public static final class A077 extends Base {
    }

    /** Start-up action 78. */
    public static final class A078 extends Base {
    }

    /** Start-up action 79. */
    public static final class A079 extends Base {
    }

    /** Start-up action 80. */
    public static final class A080 extends Base {
    }

    /** Start-up action 81. */
    public static final class A081 extends Base {
    }

    /** Start-up action 82. */
    public static final class A082 extends Base {
    }

    /** Start-up action 83. */
    public static final class A083 extends Base {
    }

    /** Start-up action 84. */
    public static final class A084 extends Base {
    }

    /** Start-up action 85. */
    public static final class A085 extends Base {
    }

    /** Start-up action 86. */
    public static final class A086 extends Base {
    }

    /** Start-up action 87. */
    public static final class A087 extends Base {
    }

    /** Start-up action 88. */
    public static final class A088 extends Base {
    }

    /** Start-up action 89. */
    public static final class A089 extends Base {
    }

    /** Start-up action 90. */
    public static final class A090 extends Base {
    }

    /** Start-up action 91. */
    public static final class A091 extends Base {
    }

    /** Start-up action 92. */
    public static final class A092 extends Base {
    }

    /** Start-up action 93. */
    public static final class A093 extends Base {
    }

    /** Start-up action 94. */
    public static final class A094 extends Base {
    }

    /** Start-up action 95. */
    public static final class A095 extends Base {
    }

    /** Start-up action 96. */
    public static final class A096 extends Base {
    }

    /** Start-up action 97. */
    public static final class A097 extends Base {
    }

    /** Start-up action 98. */
    public static final class A098 extends Base {
    }

    /** Start-up action 99. */
    public static final class A099 extends Base {
    }

}
