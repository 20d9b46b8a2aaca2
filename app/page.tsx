import { redirect } from "next/navigation";

/** The front door: straight to the person's spaces (which sends strangers to sign in). */
export default function Home() {
  redirect("/spaces");
}
